/// How much of a generated text is made of real words: the share of its words of
/// `minimumLength` letters or more that also occur in a reference text (the training split).
///
/// A word is a maximal run of ASCII letters, compared case-insensitively; shorter words are
/// ignored because almost every short letter string is some word. Real English prose scores
/// near 1 against a large enough reference (fortunes' validation split against its training
/// split: 0.996); byte-level models that spell badly score far lower.
public struct WordCoverage: Sendable, Hashable, Codable {
    /// Words of at least `minimumLength` letters in the text.
    public var words: Int
    /// Of those, the ones that occur in the reference.
    public var known: Int

    /// `known / words`, or nil for a text without such words.
    public var fraction: Double? { words > 0 ? Double(known) / Double(words) : nil }

    /// The coverage of `text`'s words by `vocabulary` (from `WordCoverage.vocabulary(of:)`).
    public init(text: some Sequence<UInt8>, vocabulary: Set<String>, minimumLength: Int = 4) {
        var words = 0, known = 0
        Self.forEachWord(in: text, minimumLength: minimumLength) { word in
            words += 1
            if vocabulary.contains(word) { known += 1 }
        }
        self.words = words
        self.known = known
    }

    /// The lower-cased words of `minimumLength` letters or more in `text`.
    public static func vocabulary(of text: some Sequence<UInt8>, minimumLength: Int = 4) -> Set<String> {
        var result = Set<String>()
        forEachWord(in: text, minimumLength: minimumLength) { result.insert($0) }
        return result
    }

    private static func forEachWord(in text: some Sequence<UInt8>, minimumLength: Int, _ body: (String) -> Void) {
        var word = [UInt8]()
        func flush() {
            if word.count >= minimumLength { body(String(decoding: word, as: UTF8.self)) }
            word.removeAll(keepingCapacity: true)
        }
        for byte in text {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): word.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): word.append(byte | 0x20)
            default: flush()
            }
        }
        flush()
    }
}
