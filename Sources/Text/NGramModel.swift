/// A byte n-gram language model with interpolated modified Kneser–Ney
/// smoothing (Chen & Goodman): the baseline the gate models are compared
/// with on the same split.
///
/// Order n predicts a byte from the n − 1 bytes before it (order 1 =
/// unigram, 2 = bigram, …, at most 7). The highest order uses raw counts,
/// lower orders continuation counts (how many distinct bytes precede an
/// n-gram), each with three discounts (counts 1, 2, 3+) estimated from its
/// count-of-counts; the lowest order interpolates with the uniform
/// distribution over the vocabulary. Bytes outside the training vocabulary
/// get probability 0 (score them with ε mixing). Contexts before the text
/// start read as `ContextWindow.padByte`, as for the gate models.
///
/// N-grams are hashed into 64-bit keys (the context bytes, newest first,
/// the predicted byte and the context length), counted in open-addressing
/// tables.
public struct NGramModel: Sendable {
    /// n: the model predicts from the n − 1 preceding bytes.
    public let order: Int
    /// The bytes seen in training; other bytes have probability 0.
    public let vocabulary: ByteVocabulary
    /// `levels[k]`: the counts for contexts of k bytes.
    private let levels: [NGramLevel]

    /// The largest supported order.
    public static let maximumOrder = 7

    /// Trains on the bytes of `text` at the positions `training` (their
    /// contexts may reach before `training`, into `text` or the padding).
    public init(order: Int, text: [UInt8], training: Range<Int>) {
        precondition((1...Self.maximumOrder).contains(order), "n-gram order must lie in 1...\(Self.maximumOrder)")
        precondition(!training.isEmpty && training.lowerBound >= 0 && training.upperBound <= text.count,
                     "training positions outside the text")
        self.order = order
        vocabulary = ByteVocabulary(of: text[training])
        let top = order - 1
        let counts = (0..<order).map { _ in NGramHashTable() }
        text.withUnsafeBufferPointer { text in
            for position in training {
                counts[top].add(1, to: NGramKey.ngram(contextLength: top, at: position, in: text))
            }
        }
        // Continuation counts: each distinct n-gram of context length k + 1
        // adds one to the n-gram it ends with (its oldest byte dropped).
        for k in stride(from: top - 1, through: 0, by: -1) {
            let longer = counts[k + 1]
            for slot in 0..<longer.slotCount where longer.key(atSlot: slot) != 0 {
                counts[k].add(1, to: NGramKey.droppingOldestByte(of: longer.key(atSlot: slot), contextLength: k + 1))
            }
        }
        levels = counts.map { NGramLevel(counts: $0) }
    }

    /// The probability of `byte` at `position` of `text`, given the bytes
    /// before it.
    public func probability(of byte: UInt8, at position: Int, in text: UnsafeBufferPointer<UInt8>) -> Double {
        guard vocabulary.contains(byte) else { return 0 }
        precondition(position >= 0 && position <= text.count, "position outside the text")
        var probability = 1 / Double(vocabulary.count)
        var contextKey = NGramKey.context(contextLength: 0, at: position, in: text)
        for k in 0..<order {
            if k > 0 { contextKey = NGramKey.extend(contextKey, contextLength: k, at: position, in: text) }
            guard let estimate = levels[k].interpolate(lowerOrder: probability, byte: byte, contextKey: contextKey)
            else { break } // context never seen: longer ones were not either
            probability = estimate
        }
        return probability
    }

    /// The probability of `text[position]` given the bytes before it.
    public func probability(at position: Int, in text: [UInt8]) -> Double {
        text.withUnsafeBufferPointer { probability(of: $0[position], at: position, in: $0) }
    }

    /// Scores every byte at `positions` of `text` (normally the validation
    /// split) with ε mixing (see `BitsPerByte.mixed`).
    public func bitsPerByte(on positions: Range<Int>, of text: [UInt8], epsilon: Double = 0) -> BitsPerByte {
        var bits = BitsPerByte()
        text.withUnsafeBufferPointer { text in
            for position in positions {
                let p = probability(of: text[position], at: position, in: text)
                bits.add(probability: BitsPerByte.mixed(probability: p, epsilon: epsilon))
            }
        }
        return bits
    }
}
