import Circuits
import Emitters
import Foundation
import GateLMSupport
import LanguageModels
import Learning
import Testing
import Text
import _TestSupport

/// Folding a trained `IntegerWindowNetwork` into `DiscreteIntegerWindow`, and the integer model
/// against its circuit and emitted C.
@Suite struct IntegerWindowFoldingTests {
    static let classBytes: [UInt8] = Array("\n abehlnorstw".utf8).sorted()
    static let text = Array("the whale breathes; she throws the horn at the hole\nnow blow the tall horns\nat the shore".utf8)

    /// A small network whose gains take both signs and whose biases spread the units over every level.
    static func network(seed: UInt64, activationBits k: Int, widths: [Int], orders: [Int] = [2, 3]) -> IntegerWindowNetwork {
        var c = IntegerWindowConfiguration()
        c.contextLength = 4
        c.codeWidth = 5
        c.hashedOrders = orders
        c.hashedRowBits = 4
        c.hiddenWidths = widths
        c.activationBits = k
        c.seed = seed
        let network = IntegerWindowNetwork(configuration: c, classCount: classBytes.count,
                                           initialReadoutBias: classBytes.indices.map { Float($0 % 5) * 0.37 - 0.6 })
        var rng = SplitMix64(seed: seed)
        for parameter in network.parameters.prefix(2) { for i in 0..<parameter.value.count { parameter.value[i] = rng.nextNormal() } }
        let levels = Float(c.largestLevel)
        for layer in network.layers {
            for i in 0..<layer.units {
                layer.bias[i] = levels / 2 + rng.nextNormal(deviation: levels / 2 + 0.3)
                layer.gain[i] = rng.nextNormal(deviation: levels + 1)
            }
        }
        network.readoutScale[0] = 0.31
        network.prepare()
        return network
    }

    /// The inputs of the training forward for each position of `text` (contexts, rows, targets).
    static func batch(_ network: IntegerWindowNetwork, positions: Range<Int>) -> (contexts: [UInt8], rows: [Int32], targets: [Int32]) {
        let c = network.configuration, window = ContextWindow(width: c.contextLength), vocabulary = ByteVocabulary(bytes: classBytes)
        let contexts = positions.flatMap { window.context(at: $0, in: text) }
        let hashRows = network.hashes.map { hash in
            var rows = [UInt32](repeating: 0, count: positions.count)
            hash.rows(of: contexts, count: positions.count, contextLength: c.contextLength, rowTable: hash.rowTable, into: &rows)
            return rows
        }
        // Sample-major: the row of every table for sample 0, then for sample 1, …
        let rows = positions.indices.flatMap { i in hashRows.map { Int32($0[i - positions.lowerBound]) } }
        return (contexts, rows, positions.map { Int32(vocabulary.classIndex(of: text[$0]) ?? 0) })
    }

    /// At every position, the integer model's scores give the straight-through network's
    /// cross-entropy (its levels are the network's, its score/τ the logit up to a constant), for
    /// k = 1…4, one and two layers, gains of both signs.
    @Test(arguments: [1, 2, 3, 4], [[9], [8, 6]])
    func foldedModelEqualsTheStraightThroughForward(activationBits k: Int, widths: [Int]) throws {
        let network = Self.network(seed: UInt64(10 * k + widths.count), activationBits: k, widths: widths)
        #expect(network.layers.contains { layer in (0..<layer.units).contains { layer.gain[$0] < 0 } }, "some gain is negative")
        let (model, readout) = try network.discrete(classBytes: Self.classBytes)
        #expect(model.layers.allSatisfy { $0.allSatisfy { $0.thresholds.count == (1 << k) - 1 } })
        #expect(readout.temperature == Double((1 << k) - 1) / Double(network.readoutScale[0]))
        let positions = 0..<Self.text.count
        let (contexts, rows, targets) = Self.batch(network, positions: positions)
        let scores = model.scores(of: positions, in: Self.text)
        let workspace = IntegerWindowNetwork.Workspace(model: network, batch: 1)
        let T = network.configuration.hashedOrders.count, W = network.configuration.contextLength, C = Self.classBytes.count
        for i in positions {
            let nats = network.batch(contexts: Array(contexts[i * W ..< (i + 1) * W]), rows: Array(rows[i * T ..< (i + 1) * T]),
                                     targets: [targets[i]], count: 1, workspace: workspace, backward: false)
            let q = ScoreSoftmax.probabilities(scores: Array(scores[i * C ..< (i + 1) * C]), divisor: readout.temperature, epsilon: 0)
            #expect(abs(-log(q[Int(targets[i])]) - nats) < 1e-4 * max(1, nats), "cross-entropy at position \(i)")
        }
        #expect(Set(scores).count > 5, "the scores vary")
        #expect(model.offsets.min() == 0)
    }

    /// A negative gain folds into negated weights with increasing thresholds: a unit with the
    /// opposite gain and bias has the opposite weights.
    @Test func aNegativeGainNegatesTheWeights() throws {
        let network = Self.network(seed: 3, activationBits: 2, widths: [4])
        let layer = network.layers[0]
        layer.gain[0] = 1.7
        layer.gain[1] = -1.7
        for j in 0..<layer.inputs { layer.weights[layer.inputs + j] = layer.weights[j] }
        let (model, _) = try network.discrete(classBytes: Self.classBytes)
        let (positive, negative) = (model.layers[0][0], model.layers[0][1])
        #expect(negative.weights == positive.weights.map { -$0 } && positive.weights.contains { $0 != 0 })
        #expect(zip(negative.thresholds, negative.thresholds.dropFirst()).allSatisfy { $0 <= $1 })
    }

    static let shapes: [([Int], [Int])] = [([7], [2]), ([6, 5], [1, 4]), ([5], [])]

    static func compiled(activationBits k: Int, shape: ([Int], [Int])) throws -> (DiscreteIntegerWindow, AIG, CircuitLanguageModel) {
        let network = Self.network(seed: UInt64(k), activationBits: k, widths: shape.0, orders: shape.1)
        let (model, readout) = try network.discrete(classBytes: Self.classBytes)
        let aig = model.circuit(readout: readout)
        try aig.validate()
        return (model, aig, try CircuitLanguageModel(aig))
    }

    /// Discrete forward = AIG simulation, score by score, on every position of the text, for
    /// k = 1…4, one and two layers, with and without tables.
    @Test(arguments: [1, 2, 3, 4], shapes)
    func theIntegerModelAndItsCircuitAgree(activationBits k: Int, shape: ([Int], [Int])) throws {
        let (model, _, circuit) = try Self.compiled(activationBits: k, shape: shape)
        let positions = 0..<Self.text.count
        let expected = model.scores(of: positions, in: Self.text)
        #expect(try circuit.scores(of: positions, in: Self.text) == expected)
        #expect(Set(expected).count > 5, "the scores vary")
    }

    /// The emitted C = AIG simulation, output bit by output bit, on every position of the text.
    @Test(.enabled(if: ExternalCommand.find("cc") != nil, "needs a C compiler (scripts/setup.sh installs gcc)"), arguments: [1, 2, 3, 4])
    func theEmittedCAgreesWithTheCircuit(activationBits k: Int) throws {
        let (_, aig, circuit) = try Self.compiled(activationBits: k, shape: Self.shapes[k % 3])
        let inputs = circuit.inputPatterns(of: 0..<Self.text.count, in: Self.text)
        #expect(try EmittedCProgram.run(aig, inputs: inputs) == Simulator(aig).simulateTrace(inputs))
    }

    /// The named circuit names every unit's level bits, the code and row values and the hash bits.
    @Test func theCircuitNamesItsUnits() throws {
        let network = Self.network(seed: 7, activationBits: 2, widths: [6, 3])
        let (model, readout) = try network.discrete(classBytes: Self.classBytes)
        let names = try NodeNames(comments: model.circuit(readout: readout, nodeNames: true))
        for name in ["L1.u5[1]", "L2.u2[0]", "code[-1][4][1]", "code[-4][0][0]", "row[3][0][0]", "hash[2][3]"] {
            #expect(names.literal(named: name) != nil, "\(name)")
        }
        #expect(names.literal(named: "L1.u6[0]") == nil && names.literal(named: "L1.u0[2]") == nil)
    }

    /// Fields that do not form an integer model are refused with what is wrong.
    @Test func invalidModelsAreRefused() throws {
        let network = Self.network(seed: 8, activationBits: 2, widths: [3])
        let (model, _) = try network.discrete(classBytes: Self.classBytes)
        var layers = model.layers
        layers[0][1].thresholds = [5, 2, 7]
        #expect(throws: DiscreteIntegerWindow.Invalid.self) {
            try DiscreteIntegerWindow(contextLength: model.contextLength, codeWidth: model.codeWidth, activationBits: 2, code: model.code,
                                      tables: model.tables, layers: layers, readout: model.readout, offsets: model.offsets, classBytes: model.classBytes)
        }
        #expect(throws: DiscreteIntegerWindow.Invalid.self) {
            try DiscreteIntegerWindow(contextLength: model.contextLength, codeWidth: model.codeWidth, activationBits: 2, code: model.code.map { _ in 4 },
                                      tables: model.tables, layers: model.layers, readout: model.readout, offsets: model.offsets, classBytes: model.classBytes)
        }
    }
}
