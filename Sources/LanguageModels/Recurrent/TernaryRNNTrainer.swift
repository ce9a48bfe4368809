import Dispatch
import Foundation
import Learning
import Text

/// The training loop of a ternary recurrent model: stateful truncated BPTT over streams that
/// each walk a contiguous stretch of the training split, Adam with gradient clipping and a
/// cosine learning rate, validation of the folded state machine itself, and atomic checkpoints.
public final class TernaryRNNTrainer {
    public struct Options: Sendable {
        /// Stop after this many steps in total, or after this many seconds in this run.
        public var steps: Int?
        public var seconds: Double?
        /// OpenBLAS threads.
        public var threads = 2
        /// Validate the folded state machine (on the start of the validation split) this often, in seconds.
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
        let budget = TrainingBudget(steps: options.steps, seconds: options.seconds)
        func elapsed() -> Double { budget.elapsed() }
        let startStep = checkpoint.training.step, startSeconds = checkpoint.training.seconds
        var smoothed: Double?, validation: Double?
        var lastReport = 0.0, lastValidation = 0.0, lastCheckpoint = 0.0
        let validationSpan = split.validation.lowerBound ..< min(split.validation.upperBound, split.validation.lowerBound + options.validationBytes)
        func done() -> Bool { budget.isSpent(step: checkpoint.training.step) }
        func progress(isValidation: Bool) -> TrainingProgress {
            let t = elapsed(), rate = t > 0 ? Double((checkpoint.training.step - startStep) * streams * steps) / t : 0
            let remaining = budget.remaining(step: checkpoint.training.step, stepsDone: checkpoint.training.step - startStep)
            return .init(step: checkpoint.training.step, totalSteps: options.steps, elapsed: t, budget: options.seconds,
                         trainingBitsPerByte: smoothed ?? .nan, validationBitsPerByte: validation, samplesPerSecond: rate,
                         gateSamplesPerSecond: rate * Double(2 * c.stateBits), remaining: remaining, isValidation: isValidation)
        }
        func validate() throws -> Double {
            let (model, readout) = try checkpoint.discrete()
            return model.bitsPerByte(on: text, positions: validationSpan, readout: readout)
        }
        while !done() {
            if chunk == 0 { workspace.resetState() }
            for t in 0..<steps {
                for b in 0..<streams {
                    let position = split.training.lowerBound + b * stretch + chunk * steps + t
                    bytes[t * streams + b] = text[position]
                    targets[t * streams + b] = classOf[Int(text[position + 1])]
                }
            }
            let loss = network.chunk(bytes: bytes, targets: targets, workspace: workspace) / Double(streams * steps) / M_LN2
            guard loss.isFinite else {
                throw GateNetworkTrainer.Diverged(description: "step \(checkpoint.training.step + 1): the training loss is \(loss), not a finite number")
            }
            network.clipGradients(to: options.clipNorm)
            optimizer.learningRate = budget.cosineRate(checkpoint.training.learningRate, floor: options.finalLearningRateFraction,
                                                       step: checkpoint.training.step)
            optimizer.step()
            network.prepare()
            checkpoint.training.step += 1
            chunk = (chunk + 1) % chunksPerPass
            smoothed = smoothed.map { 0.98 * $0 + 0.02 * loss } ?? loss
            if checkpoint.training.step % 10 == 0 {
                checkpoint.training.trainingCurve.append(.init(step: checkpoint.training.step, bitsPerByte: smoothed!))
            }
            let t = elapsed()
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
        checkpoint.training.seconds = startSeconds + elapsed()
        if let path = options.checkpointPath { try checkpoint.write(to: path, optimizer: optimizer) }
        report(progress(isValidation: true))
        return checkpoint
    }
}
