import Dispatch
import Foundation
import GateLMSupport
import Learning
import Text

/// The training loop of an integer window model: minibatches of random positions of the
/// training split, Adam with gradient clipping and a cosine learning rate, decoupled weight
/// decay of the table rows, validation of the folded integer model itself, atomic checkpoints.
public final class IntegerWindowTrainer {
    public struct Options: Sendable {
        /// Stop after this many steps in total, or after this many seconds in this run.
        public var steps: Int?
        public var seconds: Double?
        /// OpenBLAS threads.
        public var threads = 2
        /// Validate the folded model (on the start of the validation split) this often, in seconds.
        public var validationInterval = 60.0
        public var validationBytes = 16_384
        public var checkpointInterval = 60.0
        public var checkpointPath: String?
        /// The largest joint L2 norm of the gradients.
        public var clipNorm: Float = 1
        /// The learning rate follows a cosine down to this fraction of it at the end of the budget.
        public var finalLearningRateFraction: Float = 0.1
        public init() {}
    }

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
        let rowTables = network.hashes.map(\.rowTable)
        let classOf = (0..<256).map { Int32(checkpoint.vocabulary.classIndex(of: UInt8($0)) ?? 0) }
        let window = ContextWindow(width: W)
        network.prepare()
        let budget = TrainingBudget(steps: options.steps, seconds: options.seconds)
        let startStep = checkpoint.training.step, startSeconds = checkpoint.training.seconds
        // Minibatches are drawn from the seed and the step, so a resumed run continues the sequence.
        var rng = SplitMix64(seed: c.seed ^ 0xBA7C_4E5 ^ UInt64(startStep) &* 0x9E37_79B9_7F4A_7C15)
        var smoothed: Double?, validation: Double?
        var lastReport = 0.0, lastValidation = 0.0, lastCheckpoint = 0.0
        let validationSpan = split.validation.lowerBound ..< min(split.validation.upperBound, split.validation.lowerBound + options.validationBytes)
        let unitCount = c.hiddenWidths.reduce(0, +)
        func progress(isValidation: Bool) -> TrainingProgress {
            let t = budget.elapsed(), rate = t > 0 ? Double((checkpoint.training.step - startStep) * B) / t : 0
            let remaining = budget.remaining(step: checkpoint.training.step, stepsDone: checkpoint.training.step - startStep)
            return .init(step: checkpoint.training.step, totalSteps: options.steps, elapsed: t, budget: options.seconds,
                         trainingBitsPerByte: smoothed ?? .nan, validationBitsPerByte: validation, samplesPerSecond: rate,
                         gateSamplesPerSecond: rate * Double(unitCount), remaining: remaining, isValidation: isValidation)
        }
        func validate() throws -> Double {
            let (model, readout) = try checkpoint.discrete()
            return model.bitsPerByte(on: text, positions: validationSpan, readout: readout)
        }
        while !budget.isSpent(step: checkpoint.training.step) {
            for i in 0..<B { positions[i] = split.training.lowerBound + rng.nextIndex(below: split.training.count) }
            text.withUnsafeBufferPointer { text in
                contexts.withUnsafeMutableBufferPointer { contexts in
                    positions.withUnsafeBufferPointer { window.fill(contexts, at: $0, in: text) }
                }
            }
            for i in 0..<B { targets[i] = classOf[Int(text[positions[i]])] }
            for t in 0..<T {
                contexts.withUnsafeBufferPointer { contexts in
                    rowTables[t].withUnsafeBufferPointer { table in
                        hashRows.withUnsafeMutableBufferPointer { out in
                            ContextHash.rows(of: contexts.baseAddress!, count: B, contextLength: W, table: table.baseAddress!,
                                             order: c.hashedOrders[t], into: out.baseAddress!)
                        }
                    }
                }
                for i in 0..<B { rows[i * T + t] = Int32(hashRows[i]) }
            }
            let loss = network.batch(contexts: contexts, rows: rows, targets: targets, count: B, workspace: workspace) / Double(B) / M_LN2
            guard loss.isFinite else {
                throw GateNetworkTrainer.Diverged(description: "step \(checkpoint.training.step + 1): the training loss is \(loss), not a finite number")
            }
            network.clipGradients(to: options.clipNorm)
            optimizer.learningRate = budget.cosineRate(checkpoint.training.learningRate, floor: options.finalLearningRateFraction,
                                                       step: checkpoint.training.step)
            optimizer.step()
            network.decayTables(learningRate: optimizer.learningRate)
            network.prepare()
            checkpoint.training.step += 1
            smoothed = smoothed.map { 0.98 * $0 + 0.02 * loss } ?? loss
            if checkpoint.training.step % 10 == 0 {
                checkpoint.training.trainingCurve.append(.init(step: checkpoint.training.step, bitsPerByte: smoothed!))
            }
            let t = budget.elapsed()
            if t - lastValidation >= options.validationInterval {
                lastValidation = t
                validation = try validate()
                checkpoint.training.validationCurve.append(.init(step: checkpoint.training.step, bitsPerByte: validation!))
                report(progress(isValidation: true))
            } else if t - lastReport >= 0.5 {
                lastReport = t
                report(progress(isValidation: false))
            }
            if let path = options.checkpointPath, t - lastCheckpoint >= options.checkpointInterval {
                lastCheckpoint = t
                checkpoint.training.seconds = startSeconds + t
                try checkpoint.write(to: path, optimizer: optimizer)
            }
        }
        validation = try validate()
        checkpoint.training.validationCurve.append(.init(step: checkpoint.training.step, bitsPerByte: validation!))
        checkpoint.training.seconds = startSeconds + budget.elapsed()
        if let path = options.checkpointPath { try checkpoint.write(to: path, optimizer: optimizer) }
        report(progress(isValidation: true))
        return checkpoint
    }
}
