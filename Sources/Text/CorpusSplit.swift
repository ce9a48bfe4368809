/// The training / validation split of a text: the first part trains, the
/// last part validates, as in char-rnn and nanoGPT (90 % / 10 % by default).
///
/// Positions are byte offsets in the whole text. A validation byte's context
/// may reach back into the training part: that is the real preceding text.
public struct CorpusSplit: Sendable, Equatable, Codable {
    /// The positions of the training bytes: `0 ..< trainingEnd`.
    public let training: Range<Int>
    /// The positions of the validation bytes: `trainingEnd ..< byteCount`.
    public let validation: Range<Int>

    /// Splits `byteCount` bytes: the validation part is the last
    /// `validationFraction` of them, rounded down (so the training part is
    /// `Int(byteCount · (1 − validationFraction))`, nanoGPT's `int(n * 0.9)`).
    public init(byteCount: Int, validationFraction: Double = 0.1) {
        precondition(byteCount >= 0, "negative byte count")
        precondition((0...1).contains(validationFraction), "validation fraction must lie in 0...1")
        let trainingEnd = min(byteCount, Int((Double(byteCount) * (1 - validationFraction)).rounded(.down)))
        training = 0..<trainingEnd
        validation = trainingEnd..<byteCount
    }

    /// Bytes each part needs before a model can be trained on it or evaluated (a full
    /// 16-context batch of validation, and as many training bytes).
    public static let minimumPartBytes = 16

    /// Throws `CorpusError.tooSmall` unless both parts hold `minimumPartBytes`.
    public func checkTrainable(name: String) throws(CorpusError) {
        let total = training.count + validation.count
        guard training.count >= Self.minimumPartBytes && validation.count >= Self.minimumPartBytes else {
            throw CorpusError.tooSmall(name: name, bytes: total, validationBytes: validation.count, needed: Self.minimumPartBytes)
        }
    }

    /// Splits the bytes of `corpus`.
    public init(_ corpus: Corpus, validationFraction: Double = 0.1) {
        self.init(byteCount: corpus.bytes.count, validationFraction: validationFraction)
    }
}
