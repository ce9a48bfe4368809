import Dispatch

/// Timing the kernel, for benchmarks.
extension Simulator {
    /// A throughput measurement of `simulate` on random inputs.
    public struct Throughput: Sendable, Hashable {
        /// The circuit's AND nodes times patterns, per second of wall time.
        public let gatePatternsPerSecond: Double
        /// The same counting only the ANDs actually evaluated (the cone of
        /// influence of outputs and latches; see `Simulator.evaluatedAndCount`).
        public let evaluatedGatePatternsPerSecond: Double
        /// Wall time of one `simulate` call, in seconds (the fastest repetition).
        public let secondsPerRun: Double
        public let patterns: Int
        public let threads: Int
        public let laneWidth: LaneWidth
    }

    /// Times `simulate` on `patterns` random patterns (the fastest of at
    /// least three runs, repeated for at least `minimumSeconds`). Input and
    /// output conversion is included but is negligible next to the gates
    /// when the circuit has many more ANDs than inputs and outputs.
    public func measureThroughput(
        patterns: Int, threads: Int = Simulator.defaultThreadCount,
        laneWidth: LaneWidth = .automatic, minimumSeconds: Double = 0.5
    ) -> Throughput {
        let inputs = PatternSet.random(signalCount: inputCount, patternCount: patterns, seed: 1)
        var best = Double.infinity
        var elapsed = 0.0
        var runs = 0
        while runs < 3 || elapsed < minimumSeconds {
            let start = DispatchTime.now().uptimeNanoseconds
            let outputs = simulate(inputs, threads: threads, laneWidth: laneWidth)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            precondition(outputs.patternCount == patterns)
            best = min(best, seconds)
            elapsed += seconds
            runs += 1
        }
        let resolvedWidth = resolved(laneWidth, wordsPerSignal: inputs.wordsPerSignal)
        return Throughput(
            gatePatternsPerSecond: Double(andCount) * Double(patterns) / best,
            evaluatedGatePatternsPerSecond: Double(evaluatedAndCount) * Double(patterns) / best,
            secondsPerRun: best, patterns: patterns, threads: threads, laneWidth: resolvedWidth)
    }
}
