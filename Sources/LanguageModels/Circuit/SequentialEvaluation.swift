/// How a sequential (recurrent) language model is scored on a span of text: the one protocol
/// that the discrete forward pass, the circuit simulation and the emitted C all follow, so that
/// they can be compared score by score.
///
/// The text is taken to be preceded by 0x00 bytes (as the window family pads its contexts).
/// The positions are cut into `count` contiguous segments, each read by its own stream from the
/// reset state: the stream first reads up to `warmup` earlier bytes (unscored), so each scored byte
/// has at least that much real history (all of it near the start of the text). Predicting the
/// byte at position p needs the byte at p − 1 read; position 0 reads the virtual 0x00 at −1.
public enum SequentialEvaluation {
    /// Bytes read before a segment's first scored position.
    public static let defaultWarmup = 1024
    /// Streams run side by side (one simulator word).
    public static let defaultSegments = 64

    /// One stream: `reads` are the text indices it reads in order (−1 is the virtual 0x00 byte),
    /// `scored` the positions whose predictions count.
    public struct Segment: Sendable, Hashable {
        public var reads: Range<Int>
        public var scored: Range<Int>

        /// The position predicted once the stream has read text index `read`, when that
        /// prediction is scored (nil during the warm-up).
        public func scoredPosition(afterReading read: Int) -> Int? {
            read + 1 >= scored.lowerBound ? read + 1 : nil
        }
    }

    /// The segments of `positions` (at most `count`, none empty).
    public static func segments(of positions: Range<Int>, count: Int, warmup: Int) -> [Segment] {
        precondition(count >= 1 && warmup >= 0 && positions.lowerBound >= 0, "count ≥ 1, warmup ≥ 0, positions ≥ 0")
        guard !positions.isEmpty else { return [] }
        let n = min(count, positions.count)
        return (0..<n).map { s in
            let start = positions.lowerBound + positions.count * s / n
            let end = positions.lowerBound + positions.count * (s + 1) / n
            let firstRead = max(-1, start - 1 - warmup)
            return Segment(reads: firstRead ..< end - 1, scored: start ..< end)
        }
    }
}
