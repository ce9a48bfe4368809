import Text

/// The reference figures reported beside every score: unigram, bigram and order-4
/// Kneser–Ney byte n-grams (Text's `NGramModel`) fitted on the same rows as the program,
/// scored on the same positions, with ε of uniform mixed in so unseen bytes cost finite bits.
public struct NGramBaselines: Sendable {
    public static let orders = [1, 2, 4]
    /// ε of `BitsPerByte.mixed` (its cost is at most 0.0014 bits/byte).
    public static let epsilon = 1.0 / 1024
    let models: [NGramModel]

    public init(text: [UInt8], fit: Range<Int>) {
        models = Self.orders.map { NGramModel(order: $0, text: text, training: fit) }
    }

    /// Bits/byte of each order at `positions` of `text`.
    public func score(text: [UInt8], positions: [Int]) -> BaselineScores {
        let bpb = models.map { model in
            text.withUnsafeBufferPointer { buffer -> Double in
                var bits = BitsPerByte()
                for t in positions { bits.add(probability: BitsPerByte.mixed(probability: model.probability(of: buffer[t], at: t, in: buffer), epsilon: Self.epsilon)) }
                return positions.isEmpty ? 0 : bits.mean
            }
        }
        return BaselineScores(unigram: bpb[0], bigram: bpb[1], order4: bpb[2])
    }
}

/// Bits/byte of the n-gram baselines on one split.
public struct BaselineScores: Hashable, Codable, Sendable {
    public var unigram: Double
    public var bigram: Double
    public var order4: Double
}
