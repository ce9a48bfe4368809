import Dispatch

/// A value (typically a buffer pointer) handed to worker threads that only
/// read it, or only write their own disjoint part of the memory behind it.
struct SharedWithWorkers<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// Splits `0..<count` into `workers` contiguous chunks and runs `body` on
/// each, concurrently when `workers > 1`.
func forEachChunk(of count: Int, workers: Int, _ body: @Sendable (Range<Int>) -> Void) {
    let workers = max(1, min(workers, count))
    if workers == 1 {
        body(0..<count)
        return
    }
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
        body(worker * count / workers ..< (worker + 1) * count / workers)
    }
}
