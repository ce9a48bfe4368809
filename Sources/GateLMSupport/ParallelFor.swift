import Dispatch
import Foundation

/// A value (typically a pointer) handed to worker threads that only read the
/// memory behind it, or only write their own disjoint part of it.
public struct SharedWithWorkers<Value>: @unchecked Sendable {
    public let value: Value
    public init(_ value: Value) { self.value = value }
}

/// Fork-join over `DispatchQueue.concurrentPerform`.
///
/// A fork-join costs about a microsecond, so split only work that takes far
/// longer (a gate layer over a minibatch, not a loop of a few thousand adds).
public enum ParallelFor {
    /// The number of cores this process may use.
    public static var defaultWorkerCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Splits `0..<count` into at most `workers` contiguous, nearly equal
    /// chunks and runs `body(worker, chunk)` on each, concurrently when there
    /// is more than one. The chunks depend only on `count` and the number of
    /// chunks actually used, `min(workers, count)`.
    public static func chunks(
        of count: Int, workers: Int, _ body: @Sendable (_ worker: Int, _ chunk: Range<Int>) -> Void
    ) {
        guard count > 0 else { return }
        let used = max(1, min(workers, count))
        if used == 1 {
            body(0, 0..<count)
            return
        }
        DispatchQueue.concurrentPerform(iterations: used) { worker in
            body(worker, worker * count / used ..< (worker + 1) * count / used)
        }
    }
}
