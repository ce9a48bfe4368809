import GateLMSupport
/// Picks the next byte from a model's integer class scores when generating
/// text. The only floating-point arithmetic of generation lives here.
///
/// With temperature T > 0 it samples p ∝ exp(score / (τ·T)) (τ = the
/// model's `scoreDivisor`), optionally mixed with ε of uniform probability
/// over all 256 bytes; with T = 0 it is greedy: the byte of the first class
/// with the largest score. Deterministic for a seed.
///
/// The weights come from a table indexed by score difference (no `exp` per
/// class), bit for bit the weights `ClassScores` computes.
public struct Sampler: Sendable {
    /// T: 1 samples the model's own distribution, lower is more conservative,
    /// 0 is greedy.
    public var temperature: Double { didSet { updateWeights() } }
    /// τ, the model's readout temperature: its scores mean softmax(score / τ).
    public var scoreDivisor: Double { didSet { updateWeights() } }
    /// ε, the probability of drawing a uniformly random byte (any of the 256,
    /// inside the vocabulary or not) instead; ignored when greedy.
    public var epsilon: Double
    var generator: SplitMix64
    /// The weights of softmax(score / (τ·T)); nil when greedy.
    private(set) var weights: SoftmaxWeightTable?

    public init(temperature: Double = 1, scoreDivisor: Double = 1, epsilon: Double = 0, seed: UInt64) {
        precondition(temperature >= 0, "temperature must not be negative")
        precondition(scoreDivisor > 0, "the score divisor must be positive")
        precondition((0...1).contains(epsilon), "epsilon must lie in 0...1")
        self.temperature = temperature
        self.scoreDivisor = scoreDivisor
        self.epsilon = epsilon
        generator = SplitMix64(seed: seed)
        updateWeights()
    }

    /// The same sampler with its own random stream: copies share the weight
    /// table, so many samplers (one per generated stream) cost one table.
    public func reseeded(_ seed: UInt64) -> Sampler {
        var copy = self
        copy.generator = SplitMix64(seed: seed)
        return copy
    }

    private mutating func updateWeights() {
        let divisor = scoreDivisor * temperature
        if temperature == 0 {
            weights = nil
        } else if weights?.divisor != divisor {
            weights = SoftmaxWeightTable(divisor: divisor)
        }
    }

    /// The next byte, given one score per class of `vocabulary`.
    public mutating func nextByte(scores: UnsafeBufferPointer<Int32>, vocabulary: ByteVocabulary) -> UInt8 {
        precondition(scores.count == vocabulary.count, "one score per vocabulary class")
        if temperature == 0 {
            return vocabulary.byte(ofClass: ClassScores(scores, divisor: 1).firstBestClass)
        }
        if epsilon > 0 && generator.nextUnitInterval() < epsilon {
            return UInt8(generator.nextIndex(below: 256))
        }
        return vocabulary.byte(ofClass: sampleClass(scores, weights: weights!))
    }

    /// The next byte, given one score per class of `vocabulary`.
    public mutating func nextByte(scores: [Int32], vocabulary: ByteVocabulary) -> UInt8 {
        scores.withUnsafeBufferPointer { nextByte(scores: $0, vocabulary: vocabulary) }
    }

    /// A class drawn with probability weight / normalizer (inverse CDF over
    /// the classes in order), weight = exp((score − maximum) / divisor).
    private mutating func sampleClass(_ scores: UnsafeBufferPointer<Int32>, weights: SoftmaxWeightTable) -> Int {
        var maximum = scores[0]
        for score in scores where score > maximum { maximum = score }
        var normalizer = 0.0
        for score in scores { normalizer += weights.weight(difference: Int(maximum) - Int(score)) }
        var remaining = generator.nextUnitInterval() * normalizer
        var lastWithWeight = scores.firstIndex(of: maximum)!
        for index in scores.indices {
            let weight = weights.weight(difference: Int(maximum) - Int(scores[index]))
            if weight > 0 { lastWithWeight = index }
            remaining -= weight
            if remaining < 0 { return index }
        }
        return lastWithWeight // rounding left a sliver past the last weight
    }
}
