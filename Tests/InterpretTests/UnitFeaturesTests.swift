import Circuits
import GateLMSupport
import Interpret
import LanguageModels
import Testing
import Text

/// Unit features read off the circuit equal the integer model's own unit levels, computed here
/// from its weights and thresholds, at every position; the examples are the highest levels, earliest first.
@Suite struct UnitFeaturesTests {
    static let text: Corpus = {
        let words = ["the", "cat", "sat", "on", "a", "mat", "and", "dog", "ran"]
        var random = SplitMix64(seed: 4), out = [UInt8]()
        while out.count < 1500 { out += Array(words[random.nextIndex(below: words.count)].utf8) + [UInt8(ascii: " ")] }
        return Corpus(name: "words", bytes: out)
    }()

    /// The first layer's levels of `model` at `position` of `text`, from its integers.
    static func levels(_ model: DiscreteIntegerWindow, at position: Int, in text: [UInt8]) -> [Int] {
        let context = ContextWindow(width: model.contextLength).context(at: position, in: text)
        var x = context.flatMap { byte in (0..<model.codeWidth).map { Int(model.code[Int(byte) * model.codeWidth + $0]) } }
        for table in model.tables {
            var row = [UInt32](repeating: 0, count: 1)
            table.hash.rows(of: context, count: 1, contextLength: model.contextLength, rowTable: table.hash.rowTable, into: &row)
            x += (0..<model.codeWidth).map { Int(table.levels[Int(row[0]) * model.codeWidth + $0]) }
        }
        return model.layers[0].map { unit in
            let sum = zip(unit.weights, x).reduce(0) { $0 + Int($1.0) * $1.1 }
            return unit.thresholds.filter { sum >= Int($0) }.count
        }
    }

    @Test func levelsAreTheIntegerModelsAndExamplesAreTheHighest() throws {
        let checkpoint = try IntegerWindowFamily.sample(text: Self.text, seed: 6) as! IntegerWindowCheckpoint
        let folded = try checkpoint.folded()
        let lm = try CircuitLanguageModel(checkpoint.circuit(nodeNames: true, argmax: false))
        let positions = 100..<1300
        // Chunks of 300: the per-chunk simulation must join up.
        let features = UnitFeatures(model: lm, text: Self.text.bytes, positions: positions, top: 4, chunk: 300)
        #expect(features.units.count == folded.model.layers[0].count && features.positions == positions.count)
        let expected = positions.map { Self.levels(folded.model, at: $0, in: Self.text.bytes) }
        var varying = 0
        for (u, unit) in features.units.enumerated() {
            #expect(unit.name == "L1.u\(u)" && unit.layer == "L1" && unit.bits == folded.model.activationBits)
            var counts = [Int](repeating: 0, count: 1 << unit.bits)
            for levels in expected { counts[levels[u]] += 1 }
            #expect(unit.levelCounts == counts, "\(unit.name)")
            #expect(unit.constant == (counts.filter { $0 > 0 }.count == 1))
            if !unit.constant { varying += 1 }
            #expect(unit.top.count == 4)
            for (a, b) in zip(unit.top, unit.top.dropFirst()) {
                #expect(a.level > b.level || (a.level == b.level && a.position < b.position), "\(unit.name): examples out of order")
            }
            let highest = counts.lastIndex { $0 > 0 }!
            #expect(unit.top.first?.level == highest)
            for example in unit.top { #expect(expected[example.position - positions.lowerBound][u] == example.level) }
        }
        #expect(varying >= 3, "a sample whose units never vary checks little")
    }

    /// The wiring lists exactly each unit's nonzero weights, under the names the circuit gives
    /// the values they weigh (`code[-p][e][b]`, `row[o][e][b]`), and its votes as the readout has them.
    @Test func connectionsAreTheNonzeroWeightsUnderTheCircuitsNames() throws {
        let checkpoint = try IntegerWindowFamily.sample(text: Self.text, seed: 6) as! IntegerWindowCheckpoint
        let m = try checkpoint.folded().model
        let lm = try CircuitLanguageModel(checkpoint.circuit(nodeNames: true, argmax: false))
        let names = Set(lm.nodeNames.entries.map(\.name))
        let connections = try #require(try checkpoint.unitConnections())
        #expect(connections.map(\.unit) == (0..<m.layers[0].count).map { "L1.u\($0)" })
        let U = m.layers[0].count
        for (u, c) in connections.enumerated() {
            let weights = m.layers[0][u].weights
            #expect(c.inputs.map(\.weight) == weights.filter { $0 != 0 }.map(Int.init))
            for edge in c.inputs { #expect(names.contains(edge.node + "[0]"), "\(c.unit) reads \(edge.node), which the circuit does not name") }
            #expect(c.promotes == (0..<m.classCount).filter { m.readout[$0 * U + u] == 1 }.map { Int(m.classBytes[$0]) })
            #expect(c.demotes == (0..<m.classCount).filter { m.readout[$0 * U + u] == -1 }.map { Int(m.classBytes[$0]) })
            #expect(c.outputs.isEmpty)
        }
        // The most recent byte's code values are code[-1][e]: the last W·E inputs before the tables.
        let first = try #require(connections.first { $0.inputs.contains { $0.node.hasPrefix("code[-1]") } })
        #expect(first.inputs.allSatisfy { $0.node.hasPrefix("code[-") || $0.node.hasPrefix("row[") })
        #expect(try GateNetworkFamily.sample(text: Self.text, seed: 1).unitConnections() == nil)
    }

    @Test func aCircuitWithoutUnitsHasNone() throws {
        let gates = try GateNetworkFamily.sample(text: Self.text, seed: 1)
        let lm = try CircuitLanguageModel(gates.circuit(nodeNames: true, argmax: false))
        #expect(UnitFeatures.units(in: lm).isEmpty)
    }
}
