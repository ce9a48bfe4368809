/// A snapshot of a training run, for a live progress line: what every family's trainer reports.
public struct TrainingProgress: Sendable {
    public var step: Int
    public var totalSteps: Int?
    public var elapsed: Double
    public var budget: Double?
    /// Smoothed training bits/byte (of the model being trained: the soft model, or the float shadow).
    public var trainingBitsPerByte: Double
    public var validationBitsPerByte: Double?
    public var samplesPerSecond: Double
    public var gateSamplesPerSecond: Double
    /// Estimated seconds to the end, when known.
    public var remaining: Double?
    public var isValidation: Bool

    public init(step: Int, totalSteps: Int?, elapsed: Double, budget: Double?, trainingBitsPerByte: Double,
                validationBitsPerByte: Double?, samplesPerSecond: Double, gateSamplesPerSecond: Double,
                remaining: Double?, isValidation: Bool) {
        self.step = step
        self.totalSteps = totalSteps
        self.elapsed = elapsed
        self.budget = budget
        self.trainingBitsPerByte = trainingBitsPerByte
        self.validationBitsPerByte = validationBitsPerByte
        self.samplesPerSecond = samplesPerSecond
        self.gateSamplesPerSecond = gateSamplesPerSecond
        self.remaining = remaining
        self.isValidation = isValidation
    }
}
