import Foundation
import Learning
import Text

/// A saved gate-network model: its configuration, vocabulary and parameters,
/// and, for resuming training, the optimiser state and the training record.
public struct GateNetworkCheckpoint {
    /// The kind tag in the metadata, so other model families' checkpoints are recognised.
    public static let kind = "gatelm.gate-network"

    public var model: GateNetworkModel
    public var training: TrainingRecord

    /// What training has done so far.
    public struct TrainingRecord: Codable, Sendable, Hashable {
        public var step = 0
        public var seconds = 0.0
        public var learningRate: Float = 0.05
        public var batch = 256
        /// (step, training bits/byte) samples for the curve.
        public var trainingCurve: [CurvePoint] = []
        /// (step, validation bits/byte of the soft model) samples.
        public var validationCurve: [CurvePoint] = []
        /// The Adam moments exist in the file (a model saved after training starts).
        public var hasOptimizerState = false
        public init() {}
    }

    public struct CurvePoint: Codable, Sendable, Hashable {
        public var step: Int
        public var bitsPerByte: Double
        public init(step: Int, bitsPerByte: Double) { self.step = step; self.bitsPerByte = bitsPerByte }
    }

    private struct Metadata: Codable {
        var kind: String
        var configuration: GateNetworkConfiguration
        var vocabulary: ByteVocabulary
        var training: TrainingRecord
    }

    public init(model: GateNetworkModel, training: TrainingRecord) {
        self.model = model
        self.training = training
    }

    /// Writes the checkpoint atomically (temporary file, fsync, rename).
    public func write(to path: String, optimizer: Adam?) throws {
        var record = training
        record.hasOptimizerState = optimizer != nil
        let metadata = Metadata(kind: Self.kind, configuration: model.configuration, vocabulary: model.vocabulary,
                                training: record)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var file = Checkpoint(metadata: String(decoding: try encoder.encode(metadata), as: UTF8.self))
        file["embedding.logits"] = .float32(model.embedding.logits.array)
        for (l, layer) in model.layers.enumerated() {
            file["layer.\(l).first"] = .uint32(layer.firstInput.array)
            file["layer.\(l).second"] = .uint32(layer.secondInput.array)
            file["layer.\(l).logits"] = .float32(layer.logits.array)
        }
        if let optimizer {
            for (i, moments) in zip(optimizer.firstMoments, optimizer.secondMoments).enumerated() {
                file["adam.\(i).m"] = .float32(moments.0.array)
                file["adam.\(i).v"] = .float32(moments.1.array)
            }
        }
        try file.write(to: path)
    }

    /// Reads a checkpoint; throws a clear error for a missing, truncated,
    /// corrupted or foreign file.
    public static func read(from path: String) throws -> (checkpoint: GateNetworkCheckpoint, file: Checkpoint) {
        let file = try Checkpoint.read(from: path)
        let metadata: Metadata
        do {
            metadata = try JSONDecoder().decode(Metadata.self, from: Data(file.metadata.utf8))
        } catch {
            throw CheckpointFormatError(description: "\(path): not a gate-network model (its metadata does not describe one)")
        }
        guard metadata.kind == kind else {
            throw CheckpointFormatError(description: "\(path): a \(metadata.kind) checkpoint, not a gate-network model")
        }
        let c = metadata.configuration
        let embedding = Embedding(bitsPerByte: c.embeddingBits, logits: try file.float32("embedding.logits"))
        var layers = [GateLayer]()
        var inputs = c.contextLength * c.embeddingBits
        for l in 0...c.hiddenWidths.count {
            let layer = GateLayer(inputCount: inputs, firstInput: try file.uint32("layer.\(l).first"),
                                  secondInput: try file.uint32("layer.\(l).second"), logits: try file.float32("layer.\(l).logits"))
            layers.append(layer)
            inputs = layer.gateCount
        }
        let model = GateNetworkModel(configuration: c, vocabulary: metadata.vocabulary, embedding: embedding, layers: layers)
        return (GateNetworkCheckpoint(model: model, training: metadata.training), file)
    }

    /// An optimiser for `model` with the moments stored in `file` (fresh ones when it has none).
    public static func optimizer(for checkpoint: GateNetworkCheckpoint, file: Checkpoint) throws -> Adam {
        let adam = Adam(parameters: checkpoint.model.parameters, learningRate: checkpoint.training.learningRate)
        guard checkpoint.training.hasOptimizerState else { return adam }
        for i in adam.parameters.indices {
            adam.firstMoments[i].copy(from: try file.float32("adam.\(i).m"))
            adam.secondMoments[i].copy(from: try file.float32("adam.\(i).v"))
        }
        adam.stepCount = checkpoint.training.step
        return adam
    }
}

/// A checkpoint that is intact but does not hold what was asked for.
public struct CheckpointFormatError: Error, CustomStringConvertible {
    public var description: String
}
