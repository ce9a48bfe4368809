/// A program's score on a split: bits/byte, the n-gram baselines on the same positions, and
/// each winner's share of the predictions and of the bits.
public struct SplitScore: Hashable, Codable, Sendable {
    public var split: Split
    public var positions: Int
    public var bitsPerByte: Double
    public var baselines: BaselineScores
    /// The winners that won at least once, most wins first.
    public var labels: [LabelScore]
}

/// One winner (a prediction label, or `unigram`) on a split.
public struct LabelScore: Hashable, Codable, Sendable {
    public var label: String
    public var wins: Int
    /// wins / positions.
    public var winShare: Double
    /// Mean bits of the bytes it predicted.
    public var bitsPerByte: Double
    /// Its bits over every position's bits: its part of the split's bits/byte.
    public var bitsShare: Double
}
