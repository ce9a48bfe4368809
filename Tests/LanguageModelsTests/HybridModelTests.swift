import Circuits
import Foundation
@testable import LanguageModels
import Learning
import Testing
import Text
import _TestSupport

/// The hybrid family: a gate network plus a count ROM counted from the training split. The
/// counts are right (against a brute-force count), training positions leave themselves out,
/// the mixing weights learn, and the compiled circuit computes exactly what the model does.
@Suite struct HybridModelTests {
    /// A text from a seeded random process with some memory (the next byte depends on the last two).
    static let text: [UInt8] = {
        let alphabet = Array("abcde ".utf8)
        var random = SplitMix64(seed: 9)
        var bytes: [UInt8] = [97, 98]
        while bytes.count < 3000 {
            let a = Int(bytes[bytes.count - 1]), b = Int(bytes[bytes.count - 2])
            let favoured = alphabet[(a * 7 + b * 3) % alphabet.count]
            bytes.append(random.next() % 4 == 0 ? alphabet[Int(random.next() % 6)] : favoured)
        }
        return bytes
    }()

    static func configuration(countOrders: [Int] = [1, 2, 3], backOff: Bool = false) -> GateNetworkConfiguration {
        var c = GateNetworkModelTests.tinyConfiguration(contextLength: 3, hashedOrders: [2])
        c.countOrders = countOrders
        c.countBackOff = backOff
        c.countRowBits = 7
        return c
    }

    static let training = 3..<2700, validation = 2700..<3000

    /// A hybrid model after `steps` steps (leave-one-out features), and its first and last losses.
    static func trained(steps: Int, backOff: Bool = false) -> (GateNetworkModel, first: Double, last: Double) {
        let c = configuration(backOff: backOff)
        let vocabulary = ByteVocabulary(of: text[training])
        let model = GateNetworkModel(configuration: c, vocabulary: vocabulary,
                                     counts: c.countStatistics(vocabulary: vocabulary, text: text, positions: training))
        let (first, last) = GateNetworkModelTests.train(model, on: text, positions: training, steps: steps)
        return (model, first, last)
    }

    @Test func countsAreTheBruteForceCountsAndLeaveOneOutRemovesOneOccurrence() {
        let c = Self.configuration()
        let vocabulary = ByteVocabulary(of: Self.text[Self.training])
        let statistics = c.countStatistics(vocabulary: vocabulary, text: Self.text, positions: Self.training)!
        let tables = statistics.tables()
        #expect(tables.map(\.hash.bits) == [7, 7, 7] && c.countHashes[0].bits == 7)
        let window = ContextWindow(width: 3)
        for (t, hash) in c.countHashes.enumerated() {
            let rowTable = hash.rowTable
            func row(_ position: Int) -> Int {
                let context = window.context(at: position, in: Self.text)
                return (0..<hash.order).reduce(0) { $0 ^ Int(rowTable[$1 * 256 + Int(context[2 - $1])]) }
            }
            var brute = [Int: [Int: UInt32]]()
            for position in Self.training { brute[row(position), default: [:]][vocabulary.classIndex(of: Self.text[position])!, default: 0] += 1 }
            func expectedEntries(_ counts: [Int: UInt32]) -> [UInt16] {
                let ranked = counts.filter { $0.value > 0 }.sorted { ($0.value, -$0.key) > ($1.value, -$1.key) }
                let total = counts.values.reduce(0, +)
                return (0..<c.countSlots).map { k in
                    k < ranked.count ? CountTable.pack(classIndex: ranked[k].key, level: CountLevel.level(count: ranked[k].value, total: total)) : 0
                }
            }
            for r in 0..<(1 << hash.bits) {
                #expect(Array(tables[t].entries[r * c.countSlots ..< (r + 1) * c.countSlots]) == expectedEntries(brute[r] ?? [:]))
            }
            // Leave one out: the entries a Self.training position sees are those of the counts without it.
            for position in stride(from: Self.training.lowerBound, to: Self.training.upperBound, by: 37) {
                let r = row(position), target = vocabulary.classIndex(of: Self.text[position])!
                var counts = brute[r]!
                counts[target]! -= 1
                var entries = [UInt16](repeating: 0, count: c.countSlots)
                entries.withUnsafeMutableBufferPointer { statistics.entries(table: t, row: r, excluding: target, into: $0.baseAddress!) }
                #expect(entries == expectedEntries(counts))
            }
        }
    }

    @Test func levelsBucketTheTotalAndTheShare() {
        #expect(CountLevel.level(count: 1, total: 1) == 6)           // N = 1, share 1
        #expect(CountLevel.level(count: 1, total: 3) == 1 + 6 + 2)   // N in 2–3, share 1/3
        #expect(CountLevel.level(count: 90, total: 100) == 1 + 24 + 5)
        #expect(CountLevel.level(count: 1, total: 100) == 25)
        let all = (1...200).flatMap { n in (n...200).map { CountLevel.level(count: UInt32(n), total: UInt32($0)) } }
        #expect(all.allSatisfy { (1..<CountLevel.count).contains($0) })
    }

    /// Additive and backed-off ROMs alike (training reads leave-one-out entries, backed off too).
    @Test(arguments: [false, true])
    func trainsAndTheCircuitIsBitExactOnEveryValidationContext(backOff: Bool) throws {
        let (model, first, last) = Self.trained(steps: 150, backOff: backOff)
        #expect(last < first - 0.3, "soft loss \(first) → \(last) bits/byte")
        let initial = CountMixer.initialWeights(count: model.countMixer!.weights.count)
        #expect(model.countMixer!.weights.array != initial, "the mixing weights got gradients")
        let network = model.discretized()
        #expect(network.countROM?.tables.count == 3 && network.countROM?.backOff == backOff)
        let aig = network.circuit(nodeNames: true)
        try aig.validate()
        let circuit = try CircuitLanguageModel(aig)
        let window = ContextWindow(width: 3)
        var contexts = Self.validation.flatMap { window.context(at: $0, in: Self.text) }
        var random = SplitMix64(seed: 3)
        contexts += (0..<3 * 500).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        let count = contexts.count / 3
        #expect(circuit.scores(contexts: contexts, count: count) == network.scores(contexts: contexts, count: count))
        #expect(circuit.nodeNames.literal(named: "count_class[2][0][1]") != nil && circuit.nodeNames.literal(named: "count_vote[1][1][0]") != nil)
        // The soft model adds the ROM's integer votes exactly: straight through, soft = discrete.
        model.straightThrough = true
        let result = model.evaluate(on: Self.text, positions: 2712..<3000)   // 288 positions: a multiple of 16, so soft and discrete score the same bytes
        #expect(abs(result.softBitsPerByte - result.discreteBitsPerByte) < 1e-4,
                "straight-through soft \(result.softBitsPerByte), discrete \(result.discreteBitsPerByte)")
        // The counts help: the same network without its ROM votes is worse.
        var withoutROM = network
        withoutROM.countROM = nil
        let bits = { (n: DiscreteGateNetwork) -> Double in
            let scores = n.scores(contexts: Array(contexts.prefix(Self.validation.count * 3)), count: Self.validation.count)
            return zip(Self.validation, 0...).reduce(0.0) { sum, pair in
                let c = n.classCount
                return sum - model.readout.log2Probability(of: model.vocabulary.classIndex(of: Self.text[pair.0]),
                                                            scores: scores[pair.1 * c ..< (pair.1 + 1) * c])
            } / Double(Self.validation.count)
        }
        // (Additive votes only: backed-off votes made this small model worse, as they did tinyshakespeare's ROM; see the README.)
        if !backOff { #expect(bits(network) < bits(withoutROM) - 0.1, "with the ROM \(bits(network)), without \(bits(withoutROM))") }
    }

    @Test func mixingGradientIsTheOffsetGradientSummedPerWeight() {
        let (model, _, _) = Self.trained(steps: 3)
        let mixer = model.countMixer!
        let batch = 64, w = 3
        let workspace = GateNetworkWorkspace(model: model, batch: batch)
        let positions = Array(Self.training.prefix(batch))
        let window = ContextWindow(width: w)
        let contexts = positions.flatMap { window.context(at: $0, in: Self.text) }
        let targets = positions.map { Self.text[$0] }
        _ = contexts.withUnsafeBufferPointer { c in
            targets.withUnsafeBufferPointer { t in
                model.loss(contexts: c.baseAddress!, targetBytes: t.baseAddress!, workspace: workspace, backward: true, leaveOneOut: true)
            }
        }
        // Recompute Σ τ·∂loss/∂offset over the samples each weight voted in (leave-one-out entries).
        var expected = [Float](repeating: 0, count: mixer.weights.count)
        let perContext = mixer.entriesPerContext
        var offsetGradient = [Float](repeating: 0, count: model.vocabulary.count * batch)
        let classes = model.vocabulary.count
        let scale = 1 / Float(batch)
        for s in 0..<batch {
            let offsets = (0..<classes).map { workspace.countOffsets[$0 * batch + s] }
            let groups = (0..<classes).map { c in (0..<model.configuration.groupSize).reduce(Float(0)) { $0 + workspace.activations[model.layers.count][(c * model.configuration.groupSize + $1) * batch + s] } }
            let z = (0..<classes).map { (groups[$0] + offsets[$0]) / model.readout.temperature }
            let m = z.max()!, e = z.map { exp($0 - m) }, total = e.reduce(0, +)
            let target = model.vocabulary.classIndex(of: targets[s])!
            let p = e[target] / total, eps = model.readout.epsilon
            let q = (1 - eps) * p + eps / 256, weight = (1 - eps) * p / q
            for c in 0..<classes {
                offsetGradient[c * batch + s] = scale * weight / model.readout.temperature * (e[c] / total - (c == target ? 1 : 0))
            }
        }
        for s in 0..<batch {
            for j in 0..<perContext {
                let (c, level) = CountTable.unpack(workspace.countEntries[s * perContext + j])
                if level != 0 { expected[j * CountLevel.count + level] += mixer.temperature * offsetGradient[c * batch + s] }
            }
        }
        for i in expected.indices where expected[i] != 0 {
            #expect(abs(mixer.weightGradient[i] - expected[i]) < 1e-4 * max(1, abs(expected[i])), "weight \(i)")
        }
        #expect(expected.contains { $0 != 0 })
    }

    @Test func checkpointsKeepTheROMAndRefuseBrokenEntries() throws {
        let (model, _, _) = Self.trained(steps: 5)
        let adam = Adam(parameters: model.parameters, learningRate: 0.05)
        adam.secondMoments[adam.parameters.count - 1][7] = 0.25
        let dir = try TemporaryDirectory()
        let path = dir.file("h.gatelm")
        try GateNetworkCheckpoint(model: model, training: .init()).write(to: path, optimizer: adam)
        let (loaded, file) = try GateNetworkCheckpoint.read(from: path)
        #expect(loaded.model.configuration.countOrders == [1, 2, 3])
        #expect(loaded.model.discretized() == model.discretized())
        #expect(loaded.model.countMixer?.weights.array == model.countMixer?.weights.array)
        #expect(try GateNetworkCheckpoint.optimizer(for: loaded, file: file).secondMoments[adam.parameters.count - 1][7] == 0.25)
        #expect(!loaded.model.countedMechanisms.isEmpty && model.learnedMechanisms.last!.contains("mixing"))
        // Resuming recounts the corpus and checks it is the one the ROM came from.
        let c = loaded.model.configuration
        try loaded.model.countMixer!.attach(c.countStatistics(vocabulary: loaded.model.vocabulary, text: Self.text, positions: Self.training)!)
        #expect(throws: CountMixer.CountMismatch.self) {
            try loaded.model.countMixer!.attach(c.countStatistics(vocabulary: loaded.model.vocabulary, text: Self.text, positions: 3..<2000)!)
        }

        func refused(_ name: String, _ values: [UInt32], mentioning: String) {
            var broken = file
            broken[name] = .uint32(values)
            do {
                _ = try GateNetworkCheckpoint(file: broken, source: "h.gatelm")
                Issue.record("\(name) with bad entries was accepted")
            } catch {
                #expect(error.description.contains(mentioning), "\(error.description)")
            }
        }
        let entries = try file.uint32("count.1.entries")
        var badClass = entries
        badClass[0] = UInt32(CountTable.pack(classIndex: 200, level: 3))
        refused("count.1.entries", badClass, mentioning: "count.1.entries")
        var repeated = entries
        repeated[0] = UInt32(CountTable.pack(classIndex: 1, level: 3))
        repeated[1] = UInt32(CountTable.pack(classIndex: 1, level: 5))
        refused("count.1.entries", repeated, mentioning: "twice")
        var levelZero = entries
        levelZero[2] = 4   // a class with level 0
        refused("count.1.entries", levelZero, mentioning: "count.1.entries")
        refused("count.2.entries", [1, 2], mentioning: "count.2.entries")
    }

    @Test func checkpointsKeepBackOff() throws {
        let (model, _, _) = Self.trained(steps: 2, backOff: true)
        let dir = try TemporaryDirectory()
        let path = dir.file("b.gatelm")
        try GateNetworkCheckpoint(model: model, training: .init()).write(to: path, optimizer: Adam(parameters: model.parameters, learningRate: 0.05))
        let (loaded, _) = try GateNetworkCheckpoint.read(from: path)
        #expect(loaded.model.configuration.countBackOff && loaded.model.discretized().countROM?.backOff == true)
        #expect(loaded.model.discretized() == model.discretized())
    }

    @Test func configurationsWithBadCountOptionsAreRefused() {
        var c = Self.configuration(countOrders: [1, 1])
        #expect(throws: GateNetworkConfiguration.Invalid.self) { try c.validate(classCount: 6) }
        c.countOrders = [4]
        #expect(throws: GateNetworkConfiguration.Invalid.self) { try c.validate(classCount: 6) }
        c.countOrders = [1, 3]
        c.countSlots = 5
        #expect(throws: GateNetworkConfiguration.Invalid.self) { try c.validate(classCount: 6) }
        c.countSlots = 2
        c.countRowBits = 30
        #expect(throws: GateNetworkConfiguration.Invalid.self) { try c.validate(classCount: 6) }
        c.countRowBits = 7
        #expect(throws: Never.self) { try c.validate(classCount: 6) }
    }
}
