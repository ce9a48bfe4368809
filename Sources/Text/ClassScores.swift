import Foundation

/// The distribution a model's integer class scores stand for:
/// `p(class i) = softmax(score / divisor)_i`, computed in Double, stably
/// (shifted by the largest score).
///
/// `divisor` is the readout temperature τ, times the sampling temperature
/// when generating.
struct ClassScores {
    /// The scores, one per vocabulary class.
    let scores: UnsafeBufferPointer<Int32>
    let divisor: Double
    /// The largest score.
    let maximum: Int32
    /// Σ_i exp((score_i − maximum) / divisor), at least 1.
    let normalizer: Double

    init(_ scores: UnsafeBufferPointer<Int32>, divisor: Double) {
        precondition(!scores.isEmpty, "no class scores")
        precondition(divisor > 0, "the softmax divisor must be positive")
        self.scores = scores
        self.divisor = divisor
        var maximum = scores[0]
        for score in scores where score > maximum { maximum = score }
        self.maximum = maximum
        var normalizer = 0.0
        for score in scores { normalizer += exp((Double(score) - Double(maximum)) / divisor) }
        self.normalizer = normalizer
    }

    /// The unnormalised weight of class `index`: `probability · normalizer`.
    @inline(__always)
    func weight(ofClass index: Int) -> Double {
        exp((Double(scores[index]) - Double(maximum)) / divisor)
    }

    /// p(class `index`).
    func probability(ofClass index: Int) -> Double {
        weight(ofClass: index) / normalizer
    }

    /// ln p(class `index`), exact even where p underflows.
    func logProbability(ofClass index: Int) -> Double {
        (Double(scores[index]) - Double(maximum)) / divisor - log(normalizer)
    }

    /// The first class with the largest score (greedy decoding).
    var firstBestClass: Int {
        scores.firstIndex(of: maximum)!
    }
}

/// The readout's probabilities for callers outside this module.
public enum ScoreSoftmax {
    /// q(class i) = (1 − ε)·softmax(score / divisor)_i + ε/256, one per class
    /// (a byte outside the classes has q = ε/256).
    public static func probabilities(scores: [Int32], divisor: Double, epsilon: Double) -> [Double] {
        scores.withUnsafeBufferPointer { buffer in
            let distribution = ClassScores(buffer, divisor: divisor)
            return (0..<buffer.count).map { BitsPerByte.mixed(probability: distribution.probability(ofClass: $0), epsilon: epsilon) }
        }
    }
}
