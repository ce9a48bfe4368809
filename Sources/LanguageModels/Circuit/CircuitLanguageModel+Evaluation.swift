import Circuits
import Text

extension CircuitLanguageModel {
    /// Why a circuit cannot be scored.
    public struct EvaluationError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The contexts of `positions` in `text` (W bytes each, oldest first).
    public func contexts(of positions: Range<Int>, in text: [UInt8]) -> [UInt8] {
        var contexts = [UInt8](repeating: 0, count: positions.count * contextLength)
        text.withUnsafeBufferPointer { text in
            contexts.withUnsafeMutableBufferPointer { ContextWindow(width: contextLength).fill($0, for: positions, in: text) }
        }
        return contexts
    }

    /// The circuit's input patterns for every context of `positions` in `text`.
    public func inputPatterns(of positions: Range<Int>, in text: [UInt8]) -> PatternSet {
        inputPatterns(contexts: contexts(of: positions, in: text), count: positions.count)
    }

    /// The class scores that predict the bytes at `positions` of `text` (position-major), the
    /// same for every family: a window circuit reads each position's W preceding bytes; a
    /// recurrent circuit runs `SequentialEvaluation`'s protocol (segments, each from reset after a
    /// warm-up of up to `warmup` earlier bytes), all segments side by side in one clocked
    /// simulation (shorter ones padded at the end with steps whose outputs are ignored).
    public func scores(of positions: Range<Int>, in text: [UInt8], warmup: Int = SequentialEvaluation.defaultWarmup,
                       segments: Int = SequentialEvaluation.defaultSegments,
                       threads: Int = Simulator.defaultThreadCount) -> [Int32] {
        guard isRecurrent else {
            // In chunks: a simulation holds every node's values for all of its contexts.
            var scores = [Int32]()
            scores.reserveCapacity(positions.count * classCount)
            for span in PositionChunks(positions, size: 1 << 14) {
                scores += self.scores(contexts: contexts(of: span, in: text), count: span.count, threads: threads)
            }
            return scores
        }
        let traces = scoringTraces(of: positions, in: text, warmup: warmup, segments: segments)
        var scores = [Int32](repeating: 0, count: positions.count * classCount)
        guard let length = traces.map(\.inputs.patternCount).max(), length > 0 else { return scores }
        // Step t of every trace side by side: trace k is pattern k.
        let steps = (0..<length).map { t in
            var step = PatternSet(signalCount: 8, patternCount: traces.count)
            for (k, trace) in traces.enumerated() where t < trace.inputs.patternCount {
                for b in 0..<8 where trace.inputs[b, t] { step[b, k] = true }
            }
            return step
        }
        let outputs = simulator.simulateSequential(steps, threads: threads)
        let decoder = ScoreDecoder(planes: scoreOutputs)
        var row = [Int32](repeating: 0, count: traces.count * classCount)
        for (t, output) in outputs.enumerated() {
            output.withUnsafeWords { words in
                row.withUnsafeMutableBufferPointer {
                    decoder.decode(outputWords: words.baseAddress!, patternCount: traces.count, into: $0.baseAddress!)
                }
            }
            for (k, trace) in traces.enumerated() where t < trace.inputs.patternCount {
                guard let predicted = trace.scoredPositions[t] else { continue }
                let target = (predicted - positions.lowerBound) * classCount
                for c in 0..<classCount { scores[target + c] = row[k * classCount + c] }
            }
        }
        return scores
    }

    /// Mean bits per byte of the circuit on the bytes at `positions` of
    /// `text`, with the readout (τ, ε) recorded in the circuit's comments:
    /// the same scoring as the circuit column of `gatelm eval`.
    public func bitsPerByte(on text: [UInt8], positions: Range<Int>) throws(EvaluationError) -> Double {
        guard let readout else {
            throw EvaluationError(description: "the circuit records no readout (τ, ε) in its comments, so it cannot be scored")
        }
        guard classBytes == classBytes.sorted() else {
            throw EvaluationError(description: "the circuit's classes are not in byte order")
        }
        let vocabulary = ByteVocabulary(bytes: classBytes)
        var total = BitsPerByte()
        // A recurrent circuit's segments are its unit of work: all positions at once.
        for span in PositionChunks(positions, size: isRecurrent ? max(positions.count, 1) : 1 << 16) {
            total.add(positions: span, of: text, scores: self.scores(of: span, in: text), divisor: readout.temperature,
                      vocabulary: vocabulary, epsilon: readout.epsilon)
        }
        return total.mean
    }
}
