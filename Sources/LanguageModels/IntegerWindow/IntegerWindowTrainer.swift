import Dispatch
import Foundation
import GateLMSupport
import Learning
import Text

/// The training loop of an integer window model: minibatches of random positions of the
/// training split, Adam with gradient clipping and a cosine learning rate, decoupled weight
/// decay of the table rows, validation of the folded integer model itself, atomic checkpoints.
public final class IntegerWindowTrainer {
    public typealias Options = TrainerOptions

    public private(set) var checkpoint: IntegerWindowCheckpoint
    let optimizer: Adam
    let text: [UInt8]
    let split: CorpusSplit
    let options: Options

    public init(checkpoint: IntegerWindowCheckpoint, optimizer: Adam, text: [UInt8], split: CorpusSplit, options: Options) {
        self.checkpoint = checkpoint
        self.optimizer = optimizer
        self.text = text
        self.split = split
        self.options = options
    }

    /// Trains until the budget is spent, calling `report` every half second and after each
    /// validation; returns the final checkpoint (also written to `checkpointPath`).
    public func run(report: (TrainingProgress) -> Void) throws -> IntegerWindowCheckpoint {
        do { try checkpoint.training.validate() } catch {
            throw GateNetworkConfiguration.Invalid(field: "training.\(error.field)", reason: error.reason)
        }
        _ = try checkpoint.discrete()
        let network = checkpoint.network, c = network.configuration
        DenseProduct.setThreads(options.threads)
        let B = c.batchSize, W = c.contextLength, T = c.hashedOrders.count
        let workspace = IntegerWindowNetwork.Workspace(model: network, batch: B)
        var positions = [Int](repeating: 0, count: B), contexts = [UInt8](repeating: 0, count: B * W)
        var rows = [Int32](repeating: 0, count: B * T), targets = [Int32](repeating: 0, count: B)
        var hashRows = [UInt32](repeating: 0, count: B)
        let hashes = network.hashes, rowTables = hashes.map(\.rowTable)
        let classOf = (0..<256).map { Int32(checkpoint.vocabulary.classIndex(of: UInt8($0)) ?? 0) }
        let window = ContextWindow(width: W)
        network.prepare()
        // Minibatches are drawn from the seed and the step, so a resumed run continues the sequence.
        var rng = SplitMix64(seed: c.seed ^ 0xBA7C_4E5 ^ UInt64(checkpoint.training.step) &* 0x9E37_79B9_7F4A_7C15)
        let validationSpan = options.validationSpan(of: split.validation)
        var record = checkpoint.training
        try TrainingLoop.run(record: &record, options: options, samplesPerStep: B, unitsPerSample: c.hiddenWidths.reduce(0, +), step: { rate in
            for i in 0..<B { positions[i] = split.training.lowerBound + rng.nextIndex(below: split.training.count) }
            text.withUnsafeBufferPointer { text in
                contexts.withUnsafeMutableBufferPointer { contexts in
                    positions.withUnsafeBufferPointer { window.fill(contexts, at: $0, in: text) }
                }
            }
            for i in 0..<B { targets[i] = classOf[Int(text[positions[i]])] }
            for t in 0..<T {
                hashes[t].rows(of: contexts, count: B, contextLength: W, rowTable: rowTables[t], into: &hashRows)
                for i in 0..<B { rows[i * T + t] = Int32(hashRows[i]) }
            }
            let loss = network.batch(contexts: contexts, rows: rows, targets: targets, count: B, workspace: workspace) / Double(B) / M_LN2
            guard loss.isFinite else { return loss }
            network.clipGradients(to: options.clipNorm)
            optimizer.learningRate = rate
            optimizer.step()
            network.decayTables(learningRate: rate)
            network.prepare()
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
