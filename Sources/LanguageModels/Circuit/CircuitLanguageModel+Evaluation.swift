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
        for span in PositionChunks(positions, size: 1 << 16) {
            let scores = self.scores(contexts: contexts(of: span, in: text), count: span.count)
            scores.withUnsafeBufferPointer { scores in
                for (i, position) in span.enumerated() {
                    let row = UnsafeBufferPointer(rebasing: scores[i * classCount ..< (i + 1) * classCount])
                    total.add(target: text[position], scores: row, divisor: readout.temperature,
                              vocabulary: vocabulary, epsilon: readout.epsilon)
                }
            }
        }
        return total.mean
    }
}
