import Circuits
import Text

/// The circuit's inputs for scoring text, in the form every runner of the circuit (the
/// simulator, emitted C, an external simulator) can take: traces of input patterns.
extension CircuitLanguageModel {
    /// One run of the circuit: for a window circuit, independent patterns (one per context); for
    /// a recurrent circuit, clock steps from reset. `scoredPositions[i]` is the text position that
    /// pattern i's outputs predict, or nil for a warm-up step.
    public struct ScoringTrace: Sendable {
        public var inputs: PatternSet
        public var scoredPositions: [Int?]
    }

    /// The traces that score every byte of `positions` once: a window circuit's contexts in
    /// chunks of `chunk`; a recurrent circuit's `SequentialEvaluation` segments, one trace each.
    public func scoringTraces(of positions: Range<Int>, in text: [UInt8], chunk: Int = 1 << 14,
                              warmup: Int = SequentialEvaluation.defaultWarmup,
                              segments: Int = SequentialEvaluation.defaultSegments) -> [ScoringTrace] {
        guard isRecurrent else {
            return PositionChunks(positions, size: chunk).map { span in
                ScoringTrace(inputs: inputPatterns(of: span, in: text), scoredPositions: span.map { $0 })
            }
        }
        return SequentialEvaluation.segments(of: positions, count: segments, warmup: warmup).map { segment in
            var inputs = PatternSet(signalCount: 8, patternCount: segment.reads.count)
            for (t, index) in segment.reads.enumerated() {
                let byte = index < 0 ? 0 : text[index]
                for b in 0..<8 where byte >> b & 1 == 1 { inputs[b, t] = true }
            }
            return ScoringTrace(inputs: inputs, scoredPositions: segment.reads.map { segment.scoredPosition(afterReading: $0) })
        }
    }

    /// Writes the scores decoded from a trace's outputs into `scores` (position-major over
    /// `positions`), for the patterns that score a position.
    public func placeScores(outputs: PatternSet, of trace: ScoringTrace, into scores: inout [Int32], positions: Range<Int>) {
        let decoded = self.scores(outputs: outputs)
        for (i, position) in trace.scoredPositions.enumerated() {
            guard let position else { continue }
            let target = (position - positions.lowerBound) * classCount
            for c in 0..<classCount { scores[target + c] = decoded[i * classCount + c] }
        }
    }
}
