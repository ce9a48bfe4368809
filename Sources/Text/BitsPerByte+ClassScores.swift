import Foundation

extension BitsPerByte {
    /// Scores `target` under a model's integer class scores: p = softmax(score /
    /// divisor) over the vocabulary (0 for a byte outside it), then ε mixing
    /// (`mixed(probability:epsilon:)`). With ε = 0 the cost is computed from
    /// the log-probability, so it stays finite where p underflows.
    public mutating func add(
        target: UInt8, scores: UnsafeBufferPointer<Int32>, divisor: Double,
        vocabulary: ByteVocabulary, epsilon: Double = 0
    ) {
        precondition(scores.count == vocabulary.count, "one score per vocabulary class")
        let distribution = ClassScores(scores, divisor: divisor)
        guard let targetClass = vocabulary.classIndex(of: target) else {
            add(probability: Self.mixed(probability: 0, epsilon: epsilon))
            return
        }
        if epsilon == 0 {
            add(bits: -distribution.logProbability(ofClass: targetClass) / M_LN2)
        } else {
            add(probability: Self.mixed(probability: distribution.probability(ofClass: targetClass), epsilon: epsilon))
        }
    }
}

extension BitsPerByte {
    /// Scores the bytes at `positions` of `text` from position-major integer class scores
    /// (`vocabulary.count` per position), as `add(target:scores:divisor:vocabulary:epsilon:)` does one.
    public mutating func add(positions: Range<Int>, of text: [UInt8], scores: [Int32], divisor: Double,
                             vocabulary: ByteVocabulary, epsilon: Double = 0) {
        let classes = vocabulary.count
        precondition(scores.count == positions.count * classes, "one score per class per position")
        scores.withUnsafeBufferPointer { scores in
            for (i, position) in positions.enumerated() {
                add(target: text[position], scores: UnsafeBufferPointer(rebasing: scores[i * classes ..< (i + 1) * classes]),
                    divisor: divisor, vocabulary: vocabulary, epsilon: epsilon)
            }
        }
    }
}
