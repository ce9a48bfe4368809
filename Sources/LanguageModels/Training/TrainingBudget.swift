import Dispatch
import Foundation

/// How long a training run goes, shared by every family's trainer: a total step count (counting
/// a resumed run's earlier steps) and/or seconds of this run, timed from creation.
public struct TrainingBudget: Sendable {
    public var steps: Int?
    public var seconds: Double?
    private let start = DispatchTime.now().uptimeNanoseconds

    public init(steps: Int?, seconds: Double?) {
        self.steps = steps
        self.seconds = seconds
    }

    /// Seconds since the run started.
    public func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }

    /// Whether the budget is spent at `step` (a run with neither budget does nothing).
    public func isSpent(step: Int) -> Bool {
        if let steps, step >= steps { return true }
        if let seconds, elapsed() >= seconds { return true }
        return steps == nil && seconds == nil
    }

    /// The fraction of the budget spent at `step`, by steps or time, whichever is further (0...1).
    public func fraction(step: Int) -> Double {
        var f = 0.0
        if let steps { f = max(f, Double(step) / Double(steps)) }
        if let seconds { f = max(f, elapsed() / seconds) }
        return min(f, 1)
    }

    /// Estimated seconds left at `step`, having done `stepsDone` steps in this run.
    public func remaining(step: Int, stepsDone: Int) -> Double? {
        let t = elapsed()
        var remaining: Double?
        if let seconds { remaining = max(0, seconds - t) }
        if let steps, stepsDone > 0 {
            remaining = min(remaining ?? .infinity, max(0, Double(steps - step) * t / Double(stepsDone)))
        }
        return remaining
    }

    /// A cosine from `rate` at the start down to `floor`·`rate` at the end of the budget.
    public func cosineRate(_ rate: Float, floor: Float, step: Int) -> Float {
        rate * (floor + (1 - floor) * 0.5 * (1 + cos(Float.pi * Float(fraction(step: step)))))
    }
}
