import Dispatch
import Foundation
import GateLMSupport
import Learning
import Text

/// The training loop of a gate-network model: minibatches of random
/// training contexts, Adam, periodic validation and atomic checkpoints.
public final class GateNetworkTrainer {
    /// How long and how to train.
    public struct Options: Sendable {
        /// Stop after this many steps in total (counting steps of a resumed run)…
        public var steps: Int?
        /// …or after this many seconds of training in this run.
        public var seconds: Double?
        public var workers = 2
        /// Validate (soft model, on a sample of the validation split) this often, in seconds.
        public var validationInterval = 60.0
        /// Bytes of the validation split used for the periodic validation (the start of it).
        public var validationBytes = 16_384
        /// Write the checkpoint this often, in seconds (and at the end).
        public var checkpointInterval = 60.0
        public var checkpointPath: String?
        public var seed: UInt64 = 1
        /// Over the last `sharpeningFraction` of the budget, scale the logits up
        /// step by step until they are `sharpeningScale` times larger at the end
        /// (temperature annealing toward the discrete model); 0 turns it off.
        public var sharpeningFraction = 0.0
        public var sharpeningScale: Float = 8
        /// Over the last `straightThroughFraction` of the budget, train straight
        /// through the discretisation (forward = boolean model); 0 turns it off.
        public var straightThroughFraction = 0.0
        /// The learning rate is multiplied by this when straight-through training starts.
        public var straightThroughLearningRateScale: Float = 0.1
        /// Train the embedding straight through from the first step (forward:
        /// the bits θ > 0, backward: the sigmoid), the gates stay relaxed.
        public var embeddingStraightThrough = true
        /// Logits are multiplied by this when straight-through training starts, so that
        /// optimiser steps of the old size rarely flip a gate's argmax function.
        public var straightThroughLogitScale: Float = 1
        /// Training positions the circuit's readout is calibrated on at the end (`ReadoutCalibration`); 0: none.
        public var calibrationSamples = 65_536
        /// Gumbel noise of this scale on the gate logits at every step (0: none); validation runs
        /// without it. With `straightThroughFraction` 1 this is Gumbel straight-through training.
        public var gumbelScale: Float = 0
        /// The learning rate follows a cosine from its initial value down to
        /// this fraction of it at the end of the budget; 1 keeps it constant.
        public var finalLearningRateFraction: Float = 1
        public init() {}
    }

    public private(set) var checkpoint: GateNetworkCheckpoint
    let optimizer: Adam
    let text: [UInt8]
    let split: CorpusSplit
    let options: Options
    /// The logit scale applied so far by sharpening in this run.
    private var appliedScale = 1.0
    /// The straight-through phase's learning-rate factor, 1 before it.
    private var straightThroughRateScale: Float = 1
    /// This run's budget, timed from the start of `run`.
    private var budget = TrainingBudget(steps: nil, seconds: nil)

    public init(checkpoint: GateNetworkCheckpoint, optimizer: Adam, text: [UInt8], split: CorpusSplit, options: Options) {
        self.checkpoint = checkpoint
        self.optimizer = optimizer
        self.text = text
        self.split = split
        self.options = options
    }

    /// Trains until the step or time budget is spent, calling `report` every
    /// half second and after each validation. Returns the final checkpoint.
    public func run(report: (TrainingProgress) -> Void) throws -> GateNetworkCheckpoint {
        try Self.checkTrainable(checkpoint)
        let model = checkpoint.model
        let batch = checkpoint.training.batch
        let w = model.configuration.contextLength
        if let mixer = model.countMixer, mixer.statistics == nil, let counts = model.configuration.countStatistics(
            vocabulary: model.vocabulary, text: text, positions: split.training) {
            try mixer.attach(counts)   // a resumed hybrid: recount, and check the ROM is this corpus's
        }
        let workspace = GateNetworkWorkspace(model: model, batch: batch)
        // Resumed runs continue the batch sequence where the last one stopped.
        var sampler = BatchSampler(window: ContextWindow(width: w), positions: split.training,
                                   seed: options.seed &+ UInt64(checkpoint.training.step) &* 0x9E37_79B9_7F4A_7C15)
        var minibatch = Minibatch(size: batch, width: w)
        budget = TrainingBudget(steps: options.steps, seconds: options.seconds)
        func elapsed() -> Double { budget.elapsed() }
        let startStep = checkpoint.training.step, startSeconds = checkpoint.training.seconds
        var smoothed: Double?
        var lastReport = 0.0, lastValidation = 0.0, lastCheckpoint = 0.0
        var validation: Double?
        let validationSpan = split.validation.lowerBound ..< min(split.validation.upperBound,
                                                                  split.validation.lowerBound + options.validationBytes)
        func done() -> Bool { budget.isSpent(step: checkpoint.training.step) }
        func progress(isValidation: Bool) -> TrainingProgress {
            let t = elapsed(), stepsDone = checkpoint.training.step - startStep
            let rate = t > 0 ? Double(stepsDone * batch) / t : 0
            let remaining = budget.remaining(step: checkpoint.training.step, stepsDone: stepsDone)
            return TrainingProgress(step: checkpoint.training.step, totalSteps: options.steps, elapsed: t, budget: options.seconds,
                            trainingBitsPerByte: smoothed ?? .nan, validationBitsPerByte: validation,
                            samplesPerSecond: rate, gateSamplesPerSecond: rate * Double(model.gateCount),
                            remaining: remaining, isValidation: isValidation)
        }
        if options.embeddingStraightThrough && !model.embedding.straightThrough {
            model.embedding.straightThrough = true
            for table in model.hashedTables { table.straightThrough = true }
            model.parametersChanged(workers: options.workers)
        }
        if options.gumbelScale > 0 {
            model.setGumbelNoise(scale: options.gumbelScale, seed: options.seed &+ UInt64(checkpoint.training.step), workers: options.workers)
        }
        var lastWritten: Int?
        while !done() {
            sampler.fill(&minibatch, from: text)
            let loss = minibatch.contexts.withUnsafeBufferPointer { contexts in
                minibatch.targets.withUnsafeBufferPointer { targets in
                    model.trainStep(contexts: contexts.baseAddress!, targetBytes: targets.baseAddress!,
                                    workspace: workspace, optimizer: optimizer, workers: options.workers)
                }
            }
            guard loss.meanBits.isFinite else {
                throw Diverged(description: "step \(checkpoint.training.step + 1): the training loss is \(loss.meanBits), not a finite number; "
                               + "stopped at once\(Self.kept(options.checkpointPath, lastWritten))")
            }
            checkpoint.training.step += 1
            sharpen(model, elapsed: elapsed())
            if options.straightThroughFraction > 0 && !model.straightThrough
                && budgetFraction(elapsed: elapsed()) >= 1 - options.straightThroughFraction {
                model.straightThrough = true
                if options.straightThroughLogitScale != 1 {
                    model.sharpen(by: options.straightThroughLogitScale, workers: options.workers)
                }
                straightThroughRateScale = options.straightThroughLearningRateScale
            }
            optimizer.learningRate = learningRate(elapsed: elapsed())
            smoothed = smoothed.map { 0.98 * $0 + 0.02 * loss.meanBits } ?? loss.meanBits
            if checkpoint.training.step % 10 == 0 {
                checkpoint.training.trainingCurve.append(.init(step: checkpoint.training.step, bitsPerByte: smoothed!))
            }
            let t = elapsed()
            if t - lastValidation >= options.validationInterval {
                lastValidation = t
                validation = validate(model, span: validationSpan)
                guard validation!.isFinite else {
                    throw Diverged(description: "step \(checkpoint.training.step): the validation loss is \(validation!), not a finite number; "
                                   + "stopped at once\(Self.kept(options.checkpointPath, lastWritten))")
                }
                checkpoint.training.validationCurve.append(.init(step: checkpoint.training.step, bitsPerByte: validation!))
                report(progress(isValidation: true))
            } else if t - lastReport >= 0.5 {
                lastReport = t
                report(progress(isValidation: false))
            }
            if let path = options.checkpointPath, t - lastCheckpoint >= options.checkpointInterval {
                lastCheckpoint = t
                checkpoint.training.seconds = startSeconds + t
                try writeChecked(path, lastWritten: &lastWritten)
            }
        }
        validation = validate(model, span: validationSpan)
        checkpoint.training.validationCurve.append(.init(step: checkpoint.training.step, bitsPerByte: validation!))
        if options.calibrationSamples > 0 {
            checkpoint.training.calibration = ReadoutCalibration.fit(
                model, text: text, positions: ReadoutCalibration.positions(count: options.calibrationSamples, in: split.training),
                workers: options.workers)
        }
        checkpoint.training.seconds = startSeconds + elapsed()
        if let path = options.checkpointPath { try writeChecked(path, lastWritten: &lastWritten) }
        report(progress(isValidation: true))
        return checkpoint
    }

    /// Throws what a run cannot start from (before anything is allocated): a training record
    /// field out of its range, the batch not a multiple of `GateNetworkWorkspace.batchMultiple`,
    /// or a workspace (a forward and a backward value per unit and sample) over the memory budget.
    public static func checkTrainable(_ checkpoint: GateNetworkCheckpoint) throws {
        do { try checkpoint.training.validate(batchMultiple: GateNetworkWorkspace.batchMultiple) } catch {
            throw GateNetworkConfiguration.Invalid(field: "training.\(error.field)", reason: error.reason)
        }
        let model = checkpoint.model, batch = checkpoint.training.batch
        let units = model.layers.reduce(model.configuration.inputUnitCount) { $0 + $1.gateCount }
        try MemoryBudget.check(units, bytesEach: 8 * batch, for: "training \(model.gateCount) gates at batch \(batch)")
    }

    /// Training stopped because the loss or a parameter stopped being finite.
    public struct Diverged: Error, CustomStringConvertible {
        public var description: String
    }

    /// Writes the checkpoint unless a parameter or optimiser moment is not finite (then the
    /// file keeps the last good one and training stops).
    private func writeChecked(_ path: String, lastWritten: inout Int?) throws {
        let buffers = checkpoint.model.parameters.map(\.value) + optimizer.firstMoments + optimizer.secondMoments
        for buffer in buffers where !(0..<buffer.count).allSatisfy({ buffer[$0].isFinite }) {
            throw Diverged(description: "step \(checkpoint.training.step): a parameter is not a finite number; "
                           + "stopped without saving\(Self.kept(path, lastWritten))")
        }
        try checkpoint.write(to: path, optimizer: optimizer)
        lastWritten = checkpoint.training.step
    }

    /// ": PATH keeps step N" for the message, when a checkpoint was written.
    private static func kept(_ path: String?, _ step: Int?) -> String {
        guard let path else { return "" }
        return step.map { "; \(path) keeps the checkpoint of step \($0)" } ?? "; nothing was saved to \(path) in this run"
    }

    /// Fraction of the budget spent, from the step or the time budget (whichever is further).
    /// The scheduled learning rate: the checkpoint's rate, cosine-decayed toward
    /// `finalLearningRateFraction` of it, times the straight-through factor once that phase began.
    private func learningRate(elapsed: Double) -> Float {
        budget.cosineRate(checkpoint.training.learningRate, floor: options.finalLearningRateFraction, step: checkpoint.training.step)
            * straightThroughRateScale
    }

    private func budgetFraction(elapsed: Double) -> Double { budget.fraction(step: checkpoint.training.step) }

    /// Brings the cumulative logit scale to sharpeningScale^(progress through the sharpening phase).
    private func sharpen(_ model: GateNetworkModel, elapsed: Double) {
        guard options.sharpeningFraction > 0 else { return }
        let phase = (budgetFraction(elapsed: elapsed) - (1 - options.sharpeningFraction)) / options.sharpeningFraction
        guard phase > 0 else { return }
        let target = pow(Double(options.sharpeningScale), min(phase, 1))
        if target > appliedScale * 1.0001 {
            model.sharpen(by: Float(target / appliedScale), workers: options.workers)
            appliedScale = target
        }
    }

    /// The soft model's validation bits/byte, without Gumbel noise.
    private func validate(_ model: GateNetworkModel, span: Range<Int>) -> Double {
        let noise = model.layers.map(\.gumbelScale)
        if noise.contains(where: { $0 > 0 }) {
            for layer in model.layers { layer.gumbelScale = 0 }
            model.parametersChanged(workers: options.workers)
        }
        defer {
            if noise.contains(where: { $0 > 0 }) {
                for (layer, scale) in zip(model.layers, noise) { layer.gumbelScale = scale }
                model.parametersChanged(workers: options.workers)
            }
        }
        return model.softCrossEntropy(on: text, positions: span, workers: options.workers).meanBits
    }
}
