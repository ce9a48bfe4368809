import Dispatch
import Foundation
import Learning
import Text

/// The training loop of a ternary recurrent model: stateful truncated BPTT over streams that
/// each walk a contiguous stretch of the training split, Adam with gradient clipping and a
/// cosine learning rate, validation of the folded state machine itself, and atomic checkpoints.
public final class TernaryRNNTrainer {
    public typealias Options = TrainerOptions

    public private(set) var checkpoint: TernaryRNNCheckpoint
    let optimizer: Adam
    let text: [UInt8]
    let split: CorpusSplit
    let options: Options

    public init(checkpoint: TernaryRNNCheckpoint, optimizer: Adam, text: [UInt8], split: CorpusSplit, options: Options) {
        self.checkpoint = checkpoint
        self.optimizer = optimizer
        self.text = text
        self.split = split
        self.options = options
    }

    /// Trains until the budget is spent, calling `report` every half second and after each
    /// validation; returns the final checkpoint (also written to `checkpointPath`).
    public func run(report: (TrainingProgress) -> Void) throws -> TernaryRNNCheckpoint {
        // What the record and the parameters say is checked before anything is allocated.
        do { try checkpoint.training.validate() } catch {
            throw GateNetworkConfiguration.Invalid(field: "training.\(error.field)", reason: error.reason)
        }
        _ = try checkpoint.discrete()
        let network = checkpoint.network, c = network.configuration
        DenseProduct.setThreads(options.threads)
        let streams = c.streams, steps = c.unrollLength
        let stretch = split.training.count / streams
        guard stretch > steps + 1 else {
            throw GateNetworkTrainer.Diverged(description: "the training split (\(split.training.count) bytes) is too short for \(streams) streams of \(steps + 1) bytes")
        }
        let workspace = TernaryRNN.Workspace(model: network, streams: streams, steps: steps)
        var bytes = [UInt8](repeating: 0, count: streams * steps), targets = [Int32](repeating: 0, count: streams * steps)
        let classOf = (0..<256).map { Int32(checkpoint.vocabulary.classIndex(of: UInt8($0)) ?? 0) }
        let chunksPerPass = (stretch - 1) / steps
        var chunk = checkpoint.training.step % chunksPerPass
        network.prepare()
        let validationSpan = options.validationSpan(of: split.validation)
        var record = checkpoint.training
        try TrainingLoop.run(record: &record, options: options, samplesPerStep: streams * steps, unitsPerSample: 2 * c.stateBits, step: { rate in
            if chunk == 0 { workspace.resetState() }
            for t in 0..<steps {
                for b in 0..<streams {
                    let position = split.training.lowerBound + b * stretch + chunk * steps + t
                    bytes[t * streams + b] = text[position]
                    targets[t * streams + b] = classOf[Int(text[position + 1])]
                }
            }
            let loss = network.chunk(bytes: bytes, targets: targets, workspace: workspace) / Double(streams * steps) / M_LN2
            guard loss.isFinite else { return loss }
            network.clipGradients(to: options.clipNorm)
            optimizer.learningRate = rate
            optimizer.step()
            network.prepare()
            chunk = (chunk + 1) % chunksPerPass
            return loss
        }, validate: {
            let (model, readout) = try checkpoint.discrete()
            return model.bitsPerByte(on: text, positions: validationSpan, readout: readout)
        }, save: { record, path in
            var saved = checkpoint
            saved.training = record
            try saved.write(to: path, optimizer: optimizer)
        }, report: report)
        checkpoint.training = record
        return checkpoint
    }
}
