import GateLMSupport

/// The fast interpreter: the layers over one bit-plane per label (`PlaneEvaluator` on
/// `PositionBits`), 64 positions per word, the targets split over the cores.
extension SymbolicInterpreter {
    /// The winner of each target t in `targets` (an index into `predictionLabels`, or
    /// `predictionLabels.count` for the unigram), predicted from the W bytes before t as the
    /// circuit reads them: bytes before the text are padding. Equal to `winners(run(text))` on
    /// those targets.
    public func winners(predicting targets: Range<Int>, in text: [UInt8], threads: Int = ParallelFor.defaultWorkerCount) -> [Int32] {
        precondition(targets.lowerBound >= 0 && targets.upperBound <= text.count, "targets outside the text")
        guard !targets.isEmpty else { return [] }
        // Chunks of at least 32 Ki targets each, so that the W bytes of lead-in stay a small share.
        let chunks = max(1, min(threads, targets.count / 32768))
        let out = UnsafeMutableBufferPointer<Int32>.allocate(capacity: targets.count)
        defer { out.deallocate() }
        let shared = SharedWithWorkers(out)
        let parts = split(targets, into: chunks)
        ParallelFor.chunks(of: parts.count, workers: chunks) { _, range in
            for part in range {
                let winners = self.planeWinners(predicting: parts[part], in: text)
                let base = parts[part].lowerBound - targets.lowerBound
                for (k, w) in winners.enumerated() { shared.value[base + k] = w }
            }
        }
        return Array(out)
    }

    /// Every target of the text (`winners(predicting: 0..<text.count, in: text)`).
    public func planeWinners(of text: [UInt8]) -> [Int32] { winners(predicting: 0..<text.count, in: text) }

    private func split(_ r: Range<Int>, into k: Int) -> [Range<Int>] {
        (0..<k).map { i in r.lowerBound + r.count * i / k ..< r.lowerBound + r.count * (i + 1) / k }
    }

    /// The winners of several runs of targets, concatenated in order, from one pass over one
    /// buffer: each run's bytes from W before its first target, padded before the text. (A run's
    /// lead-in reads the run before it, but no needed label depends on that: the labels at the
    /// position before a target depend on the W bytes before the target alone.) For a sample of
    /// short runs this costs about their total length plus W per run.
    public func winners(predictingRuns runs: [Range<Int>], in text: [UInt8]) -> [Int32] {
        let w = windowLength
        var piece = [UInt8](), reads = [Int]()
        piece.reserveCapacity(runs.reduce(0) { $0 + $1.count + w - 1 })
        for run in runs where !run.isEmpty {
            precondition(run.lowerBound >= 0 && run.upperBound <= text.count, "targets outside the text")
            let start = run.lowerBound - w
            for k in 0..<(run.count + w - 1) { piece.append(start + k >= 0 ? text[start + k] : 0) }
            // Target t reads the labels at the piece index of byte t − 1.
            reads += (0..<run.count).map { piece.count - run.count + $0 }
        }
        guard !piece.isEmpty else { return [] }
        let algebra = PositionBits(count: piece.count)
        let (bytes, pad) = piece.withUnsafeBufferPointer { (algebra.bytePlanes(of: $0), algebra.plane(of: $0) { $0 == 0 }) }
        var evaluator = PlaneEvaluator(algebra: algebra, universe: universe, layers: layers, bytes: bytes, pad: pad)
        let all = evaluator.winnerIndices(evaluator.run().last!, predictionMasks: predictionMasks)
        return reads.map { all[$0] }
    }

    func planeWinners(predicting targets: Range<Int>, in text: [UInt8]) -> [Int32] { winners(predictingRuns: [targets], in: text) }
}

extension PlaneEvaluator where Algebra == PositionBits {
    /// The winner at every position: the first prediction label in priority order that holds,
    /// else the unigram (`predictionMasks.count`).
    mutating func winnerIndices(_ labels: [Plane?], predictionMasks: [LabelMask]) -> [Int32] {
        var reader = Reader(labels)
        var winners = [Int32](repeating: Int32(predictionMasks.count), count: algebra.count)
        var taken = [UInt64](repeating: 0, count: algebra.wordCount)
        for (k, mask) in predictionMasks.enumerated() {
            guard let plane = reader.has(mask, &algebra) else { continue }
            for w in 0..<algebra.wordCount {
                var bits = plane.words[w] & ~taken[w]
                taken[w] |= bits
                while bits != 0 {
                    winners[w << 6 | bits.trailingZeroBitCount] = Int32(k)
                    bits &= bits - 1
                }
            }
        }
        return winners
    }
}
