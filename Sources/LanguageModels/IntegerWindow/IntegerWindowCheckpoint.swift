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
        var file = Checkpoint(metadata: String(decoding: try encoder.encode(metadata), as: UTF8.self))
        for (name, parameter) in zip(IntegerWindowNetwork.parameterNames(configuration: network.configuration), network.parameters) { file[name] = .float32(parameter.value.array) }
        if let optimizer { file.storeMoments(of: optimizer) }
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
            throw invalid("not a integer window model (its metadata does not describe one: \(error))")
        }
        guard metadata.kind == Self.kind else { throw invalid("a \(metadata.kind) checkpoint, not a integer window model") }
        do { try metadata.configuration.validate() } catch { throw invalid("configuration.\(error)") }
        do { try metadata.training.validate() } catch { throw invalid("training.\(error)") }
        let classCount = metadata.vocabulary.count
        guard classCount >= 1 else { throw invalid("vocabulary: needs at least one byte") }
        let counts = IntegerWindowNetwork.parameterCounts(configuration: metadata.configuration, classCount: classCount)
        var expected = IntegerWindowNetwork.parameterNames(configuration: metadata.configuration)
        if metadata.training.hasOptimizerState { expected += Checkpoint.momentNames(parameters: counts.count) }
        if let extra = file.tensors.map(\.name).first(where: { !expected.contains($0) }) { throw invalid("unexpected tensor '\(extra)'") }
        func finite(_ name: String, count: Int) throws(CheckpointFormatError) -> [Float] {
            guard let stored = file[name] else { throw invalid("no tensor named '\(name)'") }
            guard stored.count == count else { throw invalid("tensor '\(name)' has \(stored.count) elements; the configuration needs \(count)") }
            guard case .float32(let values) = stored else { throw invalid("tensor '\(name)' is not Float32") }
            if let bad = values.firstIndex(where: { !$0.isFinite }) { throw invalid("tensor '\(name)' element \(bad) is \(values[bad]) (not finite)") }
            return values
        }
        // Lengths first, so the work below is bounded by what the file holds.
        for (name, count) in zip(IntegerWindowNetwork.parameterNames(configuration: metadata.configuration), counts) { _ = try finite(name, count: count) }
        let network = IntegerWindowNetwork(configuration: metadata.configuration, classCount: classCount)
        for (name, parameter) in zip(IntegerWindowNetwork.parameterNames(configuration: metadata.configuration), network.parameters) {
            parameter.value.copy(from: try finite(name, count: parameter.value.count))
        }
        guard network.readoutScale[0] > 0 else { throw invalid("tensor 'readout.scale' is \(network.readoutScale[0]); the readout scale must be positive") }
        if metadata.training.hasOptimizerState {
            for (i, count) in counts.enumerated() {
                _ = try finite("adam.\(i).m", count: count)
                let v = try finite("adam.\(i).v", count: count)
                if let bad = v.firstIndex(where: { $0 < 0 }) { throw invalid("tensor 'adam.\(i).v' element \(bad) is negative (a second moment cannot be)") }
            }
        }
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
