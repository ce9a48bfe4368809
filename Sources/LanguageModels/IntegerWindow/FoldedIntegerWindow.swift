import Circuits
import CommandLineOptions
import Foundation
import GateLMSupport
import Learning
import Text

/// An integer window model as its circuit computes it: the folded integer model, its readout
/// and vocabulary, without the float shadows training keeps. What an interchange directory
/// holds (`gatelm export`, the `gatelm-torch` package), and what a checkpoint is evaluated,
/// compiled and verified through, so both answer every command the same way.
public struct FoldedIntegerWindow: Sendable {
    public let model: DiscreteIntegerWindow
    public let readout: ReadoutParameters
    public let training: TrainingRecord
    /// Where the model came from (`config.json`'s free-form `source`: engine, steps, seed, …).
    public let provenance: JSONValue?

    public init(model: DiscreteIntegerWindow, readout: ReadoutParameters, training: TrainingRecord, provenance: JSONValue? = nil) {
        self.model = model
        self.readout = readout
        self.training = training
        self.provenance = provenance
    }

    /// The fraction of zero weights among the ternary layer and readout weights.
    public var zeroFraction: Double {
        let weights = model.layers.flatMap { $0.flatMap(\.weights) } + model.readout
        return Double(weights.count { $0 == 0 }) / Double(max(weights.count, 1))
    }
}

extension FoldedIntegerWindow: FamilyModel {
    public var family: String { "integer" }
    public var vocabulary: ByteVocabulary { ByteVocabulary(bytes: model.classBytes) }
    public var epsilon: Double { readout.epsilon }

    public func circuit(nodeNames: Bool, argmax: Bool) throws -> AIG {
        model.circuit(argmax: argmax, readout: readout, nodeNames: nodeNames)
    }

    public func compile(argmax: Bool, nodeNames: Bool, pruning: TrainedModel.PruningRequest?) throws -> TrainedModel.Compilation {
        let m = model, zeros = zeroFraction
        return try compileWithoutPruning(argmax: argmax, nodeNames: nodeNames, pruning: pruning, what: "an integer window model") { aig in
            String(format: "%@ units of %d bits over %d inputs, %d hashed tables, zero fraction %.3f; %d ANDs",
                   IntegerList.describe(m.layers.map(\.count)), m.activationBits, m.inputWidth, m.tables.count, zeros, aig.andCount)
        }
    }

    public func discreteScores(of positions: Range<Int>, in text: [UInt8]) throws -> [Int32] {
        model.scores(of: positions, in: text)
    }

    public func evaluate(on text: [UInt8], positions: Range<Int>) throws -> ModelEvaluation {
        try ModelEvaluation(discreteBitsPerByte: model.bitsPerByte(on: text, positions: positions, readout: readout),
                            circuit: model.circuit(readout: readout), on: text, positions: positions)
    }

    public var learnedMechanisms: [String] {
        IntegerWindowFamily.learnedMechanisms(activationBits: model.activationBits, codeWidth: model.codeWidth,
                                              orders: model.tables.map(\.hash.order), widths: model.layers.map(\.count))
    }
    public var countedMechanisms: [String] { [] }
    public var size: [(key: String, value: Double)] {
        IntegerWindowFamily.size(widths: model.layers.map(\.count), activationBits: model.activationBits, inputs: model.inputWidth, zeroFraction: zeroFraction)
    }

    /// Writes the model as an interchange directory.
    public func write(to path: String) throws { try interchange().write(directory: path) }

    /// Every unit's nonzero weights, named as the circuit names its nodes.
    public func unitConnections() -> [UnitConnections]? {
        let m = model, E = m.codeWidth, W = m.contextLength
        let firstInputs = (0..<m.inputWidth).map { i -> String in
            i < W * E ? "code[-\(W - i / E)][\(i % E)]" : "row[\(m.tables[i / E - W].hash.order)][\(i % E)]"
        }
        var connections = [UnitConnections]()
        for (l, layer) in m.layers.enumerated() {
            let inputs = l == 0 ? firstInputs : (0..<m.layers[l - 1].count).map { DiscreteIntegerWindow.unitBase(layer: l - 1, unit: $0) }
            let last = l == m.layers.count - 1
            for (u, unit) in layer.enumerated() {
                let edges = zip(inputs, unit.weights).filter { $0.1 != 0 }.map { UnitConnections.Edge(node: $0.0, weight: Int($0.1)) }
                var outputs = [UnitConnections.Edge](), promotes = [Int](), demotes = [Int]()
                if last {
                    for c in 0..<m.classCount {
                        switch m.readout[c * layer.count + u] {
                        case 1: promotes.append(Int(m.classBytes[c]))
                        case -1: demotes.append(Int(m.classBytes[c]))
                        default: break
                        }
                    }
                } else {
                    for (v, next) in m.layers[l + 1].enumerated() where next.weights[u] != 0 {
                        outputs.append(.init(node: DiscreteIntegerWindow.unitBase(layer: l + 1, unit: v), weight: Int(next.weights[u])))
                    }
                }
                connections.append(UnitConnections(unit: DiscreteIntegerWindow.unitBase(layer: l, unit: u), inputs: edges, outputs: outputs,
                                                   promotes: promotes, demotes: demotes))
            }
        }
        return connections
    }
}

extension IntegerWindowCheckpoint {
    /// The folded integer model, with this checkpoint's training record.
    public func folded() throws(DiscreteIntegerWindow.Invalid) -> FoldedIntegerWindow {
        let (model, readout) = try discrete()
        let c = network.configuration
        let provenance: JSONValue = .object(["engine": "gatelm", "steps": .int(training.step), "seconds": .double(training.seconds),
                                             "seed": c.seed <= UInt64(Int.max) ? .int(Int(c.seed)) : .string(String(c.seed))])
        return FoldedIntegerWindow(model: model, readout: readout, training: training, provenance: provenance)
    }
}
