import Foundation
import Learning

/// What a step-based trainer is told (the recurrent and the integer window ones).
public struct TrainerOptions: Sendable {
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

    /// The first `validationBytes` of the validation range `validation`.
    func validationSpan(of validation: Range<Int>) -> Range<Int> {
        validation.lowerBound ..< min(validation.upperBound, validation.lowerBound + validationBytes)
    }
}

/// The bookkeeping every step-based trainer shares, written once: the budget, the cosine
/// learning rate, the smoothed training loss and its curve, validation of the folded model every
/// `validationInterval` seconds, the progress line and atomic checkpoints.
enum TrainingLoop {
    /// Runs `step` (one optimiser step at the learning rate given; returns the batch's training
    /// loss in bits/byte) until the budget is spent, keeping `record` (step, seconds, curves).
    /// `validate` measures the folded model; `save` writes a checkpoint with the record given.
    static func run(record: inout TrainingRecord, options: TrainerOptions, samplesPerStep: Int, unitsPerSample: Int,
                    step: (_ learningRate: Float) throws -> Double, validate: () throws -> Double,
                    save: (TrainingRecord, String) throws -> Void, report: (TrainingProgress) -> Void) throws {
        let budget = TrainingBudget(steps: options.steps, seconds: options.seconds)
        let startStep = record.step, startSeconds = record.seconds
        var smoothed: Double?, validation: Double?
        var lastReport = 0.0, lastValidation = 0.0, lastCheckpoint = 0.0
        func progress(isValidation: Bool) -> TrainingProgress {
            let t = budget.elapsed(), rate = t > 0 ? Double((record.step - startStep) * samplesPerStep) / t : 0
            return .init(step: record.step, totalSteps: options.steps, elapsed: t, budget: options.seconds,
                         trainingBitsPerByte: smoothed ?? .nan, validationBitsPerByte: validation, samplesPerSecond: rate,
                         gateSamplesPerSecond: rate * Double(unitsPerSample),
                         remaining: budget.remaining(step: record.step, stepsDone: record.step - startStep), isValidation: isValidation)
        }
        while !budget.isSpent(step: record.step) {
            let loss = try step(budget.cosineRate(record.learningRate, floor: options.finalLearningRateFraction, step: record.step))
            guard loss.isFinite else {
                throw GateNetworkTrainer.Diverged(description: "step \(record.step + 1): the training loss is \(loss), not a finite number")
            }
            record.step += 1
            smoothed = smoothed.map { 0.98 * $0 + 0.02 * loss } ?? loss
            if record.step % 10 == 0 { record.trainingCurve.append(.init(step: record.step, bitsPerByte: smoothed!)) }
            let t = budget.elapsed()
            if t - lastValidation >= options.validationInterval {
                lastValidation = t
                validation = try validate()
                record.validationCurve.append(.init(step: record.step, bitsPerByte: validation!))
                report(progress(isValidation: true))
            } else if t - lastReport >= 0.5 {
                lastReport = t
                report(progress(isValidation: false))
            }
            if let path = options.checkpointPath, t - lastCheckpoint >= options.checkpointInterval {
                lastCheckpoint = t
                record.seconds = startSeconds + t
                try save(record, path)
            }
        }
        validation = try validate()
        record.validationCurve.append(.init(step: record.step, bitsPerByte: validation!))
        record.seconds = startSeconds + budget.elapsed()
        if let path = options.checkpointPath { try save(record, path) }
        report(progress(isValidation: true))
    }
}

extension TrainerOptions {
    /// The options `run` sets (budget, threads, validation interval, checkpoint path), with the
    /// final learning-rate fraction when given.
    init(run: TrainingRun, finalLearningRate: Float?) {
        self.init()
        steps = run.steps
        seconds = run.seconds
        threads = run.threads
        validationInterval = run.validationInterval
        checkpointPath = run.checkpointPath
        if let finalLearningRate { finalLearningRateFraction = finalLearningRate }
    }
}
