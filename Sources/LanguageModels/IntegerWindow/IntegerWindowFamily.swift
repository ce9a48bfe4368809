import Circuits
import CommandLineOptions
import Foundation
import GateLMSupport
import Learning
import Text

/// The integer window family (`integer`): ternary weights and k-bit integer activations over the
/// last W bytes' codes and hashed-table rows, compiled to adder trees and comparators.
public enum IntegerWindowFamily: LanguageModelFamily {
    public static let checkpointKind: String? = IntegerWindowCheckpoint.kind
    public static let names = ["integer"]
    public static func model(file: Checkpoint, source: String) throws(CheckpointFormatError) -> any FamilyModel {
        try IntegerWindowCheckpoint(file: file, source: source)
    }
    public static let fileExtension = "gatelm"
    public static var trainings: [any FamilyTraining.Type] { [IntegerWindowTraining.self] }

    /// An untrained model of 12 two-bit units over a 4-byte window, a 4-value code and one small
    /// table, its gains and biases drawn from `seed` and spread so that units take every level.
    public static func sample(text: Corpus, seed: UInt64) throws -> any FamilyModel {
        var c = IntegerWindowConfiguration()
        c.contextLength = 4
        c.codeWidth = 4
        c.hashedOrders = [2]
        c.hashedRowBits = 6
        c.hiddenWidths = [12]
        c.seed = seed
        let vocabulary = ByteVocabulary(of: text.bytes)
        let network = IntegerWindowNetwork(configuration: c, classCount: vocabulary.count,
                                           initialReadoutBias: (0..<vocabulary.count).map { Float($0 % 5) * 0.37 - 0.6 })
        var rng = SplitMix64(seed: seed)
        for layer in network.layers {
            for i in 0..<layer.units {
                layer.bias[i] = 1.5 + rng.nextNormal(deviation: 1)
                layer.gain[i] = rng.nextNormal(deviation: 2)
            }
        }
        network.prepare()
        var record = TrainingRecord()
        record.corpus = .init(name: text.name, bytes: text.bytes)
        return IntegerWindowCheckpoint(network: network, vocabulary: vocabulary, training: record)
    }
}

extension IntegerWindowCheckpoint: FamilyModel {
    public var family: String { "integer" }
    public var epsilon: Double { Double(network.configuration.epsilon) }

    public func circuit(nodeNames: Bool, argmax: Bool) throws -> AIG {
        let (model, readout) = try discrete()
        return model.circuit(argmax: argmax, readout: readout, nodeNames: nodeNames)
    }

    public func compile(argmax: Bool, nodeNames: Bool, pruning: TrainedModel.PruningRequest?) throws -> TrainedModel.Compilation {
        let c = network.configuration, zeros = network.zeroFraction
        return try compileWithoutPruning(argmax: argmax, nodeNames: nodeNames, pruning: pruning, what: "an integer window model") { aig in
            String(format: "%@ units of %d bits over %d inputs, %d hashed tables, zero fraction %.3f; %d ANDs",
                   IntegerList.describe(c.hiddenWidths), c.activationBits, c.inputWidth, c.hashedOrders.count, zeros, aig.andCount)
        }
    }

    public func discreteScores(of positions: Range<Int>, in text: [UInt8]) throws -> [Int32] {
        try discrete().model.scores(of: positions, in: text)
    }

    public func evaluate(on text: [UInt8], positions: Range<Int>) throws -> ModelEvaluation {
        let (model, readout) = try discrete()
        let circuit = try CircuitLanguageModel(model.circuit(readout: readout))
        return ModelEvaluation(softBitsPerByte: nil,
                               discreteBitsPerByte: model.bitsPerByte(on: text, positions: positions, readout: readout),
                               circuitBitsPerByte: try circuit.bitsPerByte(on: text, positions: positions),
                               bytes: positions.count, ands: circuit.aig.andCount)
    }

    public var learnedMechanisms: [String] {
        let c = network.configuration
        return ["the \(c.activationBits)-bit byte code (\(c.codeWidth) values per byte)"]
            + (c.hashedOrders.isEmpty ? [] : ["the rows of \(c.hashedOrders.count) hashed tables (orders \(IntegerList.describe(c.hashedOrders)))"])
            + ["\(IntegerList.describe(c.hiddenWidths)) ternary units of \(c.activationBits) bits (weights and integer thresholds)",
               "the ternary readout and its offsets"]
    }
    public var countedMechanisms: [String] { [] }
    public var size: [(key: String, value: Double)] {
        let c = network.configuration
        return [("units", Double(c.hiddenWidths.reduce(0, +))), ("activation_bits", Double(c.activationBits)),
                ("inputs", Double(c.inputWidth)), ("zero_fraction", network.zeroFraction)]
    }
    public func write(to path: String) throws { try write(to: path, optimizer: nil) }
}
