import GateLMSupport

/// The fast interpreter: the layers over one bit-plane per label (`PlaneEvaluator` on
/// `PositionBits`), 64 positions per word, the targets split over the cores; with a
/// `LayerCache`, a program resumes after the layers it shares with one run before.
extension SymbolicInterpreter {
    /// The winner of each target t in `targets` (an index into `predictionLabels`, or
    /// `predictionLabels.count` for the unigram), predicted from the W bytes before t as the
    /// circuit reads them: bytes before the text are padding. Equal to `winners(run(text))` on
    /// those targets.
    public func winners(predicting targets: Range<Int>, in text: [UInt8], threads: Int = ParallelFor.defaultWorkerCount) -> [Int32] {
        var none: LayerCache?
        return winners(pieces: Self.parts(of: targets, threads: threads), in: text, cache: &none)
    }

    /// `winners(predicting:in:threads:)`, resuming from and refilling `cache`.
    public func winners(predicting targets: Range<Int>, in text: [UInt8], threads: Int = ParallelFor.defaultWorkerCount,
                        cache: inout LayerCache) -> [Int32] {
        var some: LayerCache? = cache
        defer { cache = some! }
        return winners(pieces: Self.parts(of: targets, threads: threads), in: text, cache: &some)
    }

    /// Every target of the text (`winners(predicting: 0..<text.count, in: text)`).
    public func planeWinners(of text: [UInt8]) -> [Int32] { winners(predicting: 0..<text.count, in: text) }

    /// The winners of several runs of targets, concatenated in order, from one pass over one
    /// buffer: each run's bytes from W before its first target, padded before the text. (A run's
    /// lead-in reads the run before it, but no needed label depends on that: the labels at the
    /// position before a target depend on the W bytes before the target alone.) For a sample of
    /// short runs this costs about their total length plus W per run.
    public func winners(predictingRuns runs: [Range<Int>], in text: [UInt8], threads: Int = ParallelFor.defaultWorkerCount) -> [Int32] {
        var none: LayerCache?
        return winners(pieces: Self.parts(ofRuns: runs, threads: threads), in: text, cache: &none)
    }

    /// `winners(predictingRuns:in:)`, resuming from and refilling `cache`.
    public func winners(predictingRuns runs: [Range<Int>], in text: [UInt8], threads: Int = ParallelFor.defaultWorkerCount,
                        cache: inout LayerCache) -> [Int32] {
        var some: LayerCache? = cache
        defer { cache = some! }
        return winners(pieces: Self.parts(ofRuns: runs, threads: threads), in: text, cache: &some)
    }

    /// The targets in chunks of at least 32 Ki each (so that the W bytes of lead-in stay a small
    /// share), one piece per core.
    private static func parts(of targets: Range<Int>, threads: Int) -> [[Range<Int>]] {
        precondition(targets.lowerBound >= 0, "targets outside the text")
        guard !targets.isEmpty else { return [] }
        let k = max(1, min(threads, targets.count / 32768))
        return (0..<k).map { i in [targets.lowerBound + targets.count * i / k ..< targets.lowerBound + targets.count * (i + 1) / k] }
    }

    /// The runs in consecutive groups of about equal targets, at least 32 Ki each, one per core.
    private static func parts(ofRuns runs: [Range<Int>], threads: Int) -> [[Range<Int>]] {
        let total = runs.reduce(0) { $0 + $1.count }
        let k = max(1, min(threads, total / 32768, runs.count))
        guard k > 1 else { return [runs] }
        var pieces = [[Range<Int>]](), piece = [Range<Int>](), filled = 0
        for run in runs {
            piece.append(run)
            filled += run.count
            if pieces.count < k - 1, filled * k >= total * (pieces.count + 1) {
                pieces.append(piece)
                piece = []
            }
        }
        return pieces + [piece]
    }

    /// The winners of every piece's runs, concatenated; the pieces run in parallel.
    private func winners(pieces: [[Range<Int>]], in text: [UInt8], cache: inout LayerCache?) -> [Int32] {
        for run in pieces.joined() { precondition(run.lowerBound >= 0 && run.upperBound <= text.count, "targets outside the text") }
        guard pieces.joined().contains(where: { !$0.isEmpty }) else { return [] }
        let input = cache.map { _ in LayerCache.Input(pieces: pieces, windowLength: windowLength, text: text) }
        let signatures = cache.map { _ in layers.map { $0.signature(in: universe) } }
        let resume = input.flatMap { cache!.bestMatch(for: signatures!, on: $0) }
        let keep = cache != nil
        // The label renumbering from the snapshot's program to this one, computed once for every layer and piece.
        let numbers = resume.map { universe.renumbering(from: $0.snapshot.universe) }
        let results = UnsafeMutableBufferPointer<(winners: [Int32], layers: [[PositionBits.Plane?]])>.allocate(capacity: pieces.count)
        defer { results.deinitialize().deallocate() }
        let shared = SharedWithWorkers(results)
        ParallelFor.chunks(of: pieces.count, workers: pieces.count) { _, range in
            for k in range {
                let start = resume.map { (LayerCache.renumbered($0.snapshot.pieces[k][$0.layers], by: numbers!), $0.layers) }
                var result = self.evaluate(Piece(runs: pieces[k], text: text, windowLength: self.windowLength), resumingAt: start)
                if let resume, keep {
                    // The shared layers' planes, renumbered, before the ones just computed.
                    let before = resume.snapshot.pieces[k][..<resume.layers].map { LayerCache.renumbered($0, by: numbers!) }
                    result.layers = before + result.layers
                }
                (shared.value.baseAddress! + k).initialize(to: keep ? result : (result.winners, []))
            }
        }
        if let input, let signatures {
            let reused = resume?.layers ?? 0
            cache!.store(LayerCache.Snapshot(input: input, universe: universe, signatures: signatures, pieces: results.map(\.layers), used: 0),
                         reused: reused, computed: layers.count - reused)
        }
        return Array(results.map(\.winners).joined())
    }

    /// One piece's buffer: the bytes from W before each run's first target, and the index each
    /// target reads (target t reads the labels at the piece index of byte t − 1).
    struct Piece {
        var bytes = [UInt8](), reads = [Int]()

        init(runs: [Range<Int>], text: [UInt8], windowLength w: Int) {
            bytes.reserveCapacity(runs.reduce(0) { $0 + $1.count + w - 1 })
            for run in runs where !run.isEmpty {
                let start = run.lowerBound - w
                for k in 0..<(run.count + w - 1) { bytes.append(start + k >= 0 ? text[start + k] : 0) }
                reads += (0..<run.count).map { bytes.count - run.count + $0 }
            }
        }
    }

    /// A piece's winners and x_ℓ…x_L, from x₀ or from `start` (x_ℓ and ℓ).
    private func evaluate(_ piece: Piece, resumingAt start: (planes: [PositionBits.Plane?], layer: Int)?) -> (winners: [Int32], layers: [[PositionBits.Plane?]]) {
        guard !piece.bytes.isEmpty else { return ([], []) }
        let algebra = PositionBits(count: piece.bytes.count)
        let (bytes, pad) = piece.bytes.withUnsafeBufferPointer { (algebra.bytePlanes(of: $0), algebra.plane(of: $0) { $0 == 0 }) }
        var evaluator = PlaneEvaluator(algebra: algebra, universe: universe, layers: layers, bytes: bytes, pad: pad)
        let all = evaluator.run(from: start?.planes, firstLayer: start?.layer ?? 0)
        let winners = evaluator.winnerIndices(all.last!, predictionMasks: predictionMasks)
        return (piece.reads.map { winners[$0] }, all)
    }
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
