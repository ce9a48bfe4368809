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
    public static func model(interchange: InterchangeModel, source: String) throws -> any FamilyModel {
        try FoldedIntegerWindow(interchange: interchange, source: source)
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

extension IntegerWindowFamily {
    /// What a model of this shape learned, in words: the same for a checkpoint and its folded model.
    static func learnedMechanisms(activationBits k: Int, codeWidth: Int, orders: [Int], widths: [Int]) -> [String] {
        ["the \(k)-bit byte code (\(codeWidth) values per byte)"]
            + (orders.isEmpty ? [] : ["the rows of \(orders.count) hashed tables (orders \(IntegerList.describe(orders)))"])
            + ["\(IntegerList.describe(widths)) ternary units of \(k) bits (weights and integer thresholds)", "the ternary readout and its offsets"]
    }

    /// The size entries of `eval --json` for a model of this shape.
    static func size(widths: [Int], activationBits: Int, inputs: Int, zeroFraction: Double) -> [(key: String, value: Double)] {
        [("units", Double(widths.reduce(0, +))), ("activation_bits", Double(activationBits)), ("inputs", Double(inputs)), ("zero_fraction", zeroFraction)]
    }
}

extension IntegerWindowCheckpoint: FamilyModel {
    public var family: String { "integer" }
    public var epsilon: Double { Double(network.configuration.epsilon) }

    // Every question about the model is asked of its folded integer form (one source of truth
    // for checkpoints and interchange directories alike).
    public func circuit(nodeNames: Bool, argmax: Bool) throws -> AIG { try folded().circuit(nodeNames: nodeNames, argmax: argmax) }
    public func compile(argmax: Bool, nodeNames: Bool, pruning: TrainedModel.PruningRequest?) throws -> TrainedModel.Compilation {
        try folded().compile(argmax: argmax, nodeNames: nodeNames, pruning: pruning)
    }
    public func discreteScores(of positions: Range<Int>, in text: [UInt8]) throws -> [Int32] {
        try folded().discreteScores(of: positions, in: text)
    }
    public func evaluate(on text: [UInt8], positions: Range<Int>) throws -> ModelEvaluation { try folded().evaluate(on: text, positions: positions) }
    public var learnedMechanisms: [String] {
        let c = network.configuration
        return IntegerWindowFamily.learnedMechanisms(activationBits: c.activationBits, codeWidth: c.codeWidth, orders: c.hashedOrders, widths: c.hiddenWidths)
    }
    public var countedMechanisms: [String] { [] }
    public var size: [(key: String, value: Double)] {
        let c = network.configuration
        return IntegerWindowFamily.size(widths: c.hiddenWidths, activationBits: c.activationBits, inputs: c.inputWidth, zeroFraction: network.zeroFraction)
    }
    public func interchange() throws -> InterchangeModel { try folded().interchange() }
    public func unitConnections() throws -> [UnitConnections]? { try folded().unitConnections() }
    public func write(to path: String) throws { try write(to: path, optimizer: nil) }
}
