import Foundation
import Learning
import Text

/// A saved integer window model: its configuration, vocabulary and float shadow parameters,
/// and, for resuming, the optimiser state and the training record.
public struct IntegerWindowCheckpoint {
    /// The kind tag in the metadata.
    public static let kind = "gatelm.integer-window"

    public var network: IntegerWindowNetwork
    public var vocabulary: ByteVocabulary
    public var training: TrainingRecord

    private struct Metadata: Codable {
        var kind: String
        var configuration: IntegerWindowConfiguration
        var vocabulary: ByteVocabulary
        var training: TrainingRecord
    }

    public init(network: IntegerWindowNetwork, vocabulary: ByteVocabulary, training: TrainingRecord) {
        precondition(network.classCount == vocabulary.count, "one class per vocabulary byte")
        self.network = network
        self.vocabulary = vocabulary
        self.training = training
    }

    /// The integer model and its readout.
    public func discrete() throws(DiscreteIntegerWindow.Invalid) -> (model: DiscreteIntegerWindow, readout: ReadoutParameters) {
        try network.discrete(classBytes: vocabulary.bytes)
    }

    /// Writes the checkpoint atomically.
    public func write(to path: String, optimizer: Adam?) throws {
        var record = training
        record.hasOptimizerState = optimizer != nil
        let metadata = Metadata(kind: Self.kind, configuration: network.configuration, vocabulary: vocabulary, training: record)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let file = Checkpoint(metadata: String(decoding: try encoder.encode(metadata), as: UTF8.self), names: IntegerWindowNetwork.parameterNames(configuration: network.configuration),
                              parameters: network.parameters, optimizer: optimizer)
        try file.write(to: path)
    }

    /// Reads and validates a checkpoint (`-`: standard input).
    public static func read(from path: String) throws -> (checkpoint: IntegerWindowCheckpoint, file: Checkpoint) {
        let file = try Checkpoint.read(from: path)
        return (try IntegerWindowCheckpoint(file: file, source: path), file)
    }

    /// The model in an intact container, validated field by field: the configuration, the
    /// vocabulary, the training record, every tensor's presence, length and finiteness, the
    /// readout scale's sign and the optimiser state.
    public init(file: Checkpoint, source: String) throws(CheckpointFormatError) {
        func invalid(_ what: String) -> CheckpointFormatError { CheckpointFormatError(description: "\(source): \(what)") }
        let metadata: Metadata
        do {
            metadata = try CheckpointMetadata.decode(Metadata.self, from: file.metadata)
        } catch {
            throw invalid("not an integer window model (its metadata does not describe one: \(error))")
        }
        guard metadata.kind == Self.kind else { throw invalid("a \(metadata.kind) checkpoint, not an integer window model") }
        do { try metadata.configuration.validate() } catch { throw invalid("configuration.\(error)") }
        do { try metadata.training.validate() } catch { throw invalid("training.\(error)") }
        let classCount = metadata.vocabulary.count
        guard classCount >= 1 else { throw invalid("vocabulary: needs at least one byte") }
        let counts = IntegerWindowNetwork.parameterCounts(configuration: metadata.configuration, classCount: classCount)
        let values = try file.floatParameters(names: IntegerWindowNetwork.parameterNames(configuration: metadata.configuration), counts: counts, withMoments: metadata.training.hasOptimizerState,
                                              source: source)
        let network = IntegerWindowNetwork(configuration: metadata.configuration, classCount: classCount)
        for (parameter, value) in zip(network.parameters, values) { parameter.value.copy(from: value) }
        guard network.readoutScale[0] > 0 else { throw invalid("tensor 'readout.scale' is \(network.readoutScale[0]); the readout scale must be positive") }
        network.prepare()
        // Finite parameters can still overflow when folded (gain × scale): refused here, by unit.
        do { _ = try network.discrete(classBytes: metadata.vocabulary.bytes) } catch { throw invalid("\(error)") }
        self.init(network: network, vocabulary: metadata.vocabulary, training: metadata.training)
    }

    /// An optimiser for the network with the moments stored in `file` (fresh ones when it has none).
    public static func optimizer(for checkpoint: IntegerWindowCheckpoint, file: Checkpoint) throws -> Adam {
        try file.optimizer(for: checkpoint.network.parameters, learningRate: checkpoint.training.learningRate,
                           stored: checkpoint.training.hasOptimizerState, step: checkpoint.training.step)
    }
}
