/// Bit-packed simulation patterns, signal-major.
///
/// Pattern `p` of signal `s` is bit `p % 64` of word
/// `s * wordsPerSignal + p / 64`. Unused high bits of each signal's last word
/// are always zero, so two sets with the same patterns compare equal.
public struct PatternSet: Sendable, Hashable {
    /// Number of signals (for example circuit inputs or outputs).
    public let signalCount: Int
    /// Number of patterns per signal.
    public let patternCount: Int
    /// The packed bits, `signalCount * wordsPerSignal` words.
    public private(set) var words: [UInt64]

    /// Words that hold one signal's patterns.
    @inlinable public var wordsPerSignal: Int { (patternCount + 63) / 64 }

    /// A set with every pattern of every signal zero.
    public init(signalCount: Int, patternCount: Int) {
        precondition(signalCount >= 0 && patternCount >= 0, "negative pattern set size")
        self.signalCount = signalCount
        self.patternCount = patternCount
        self.words = [UInt64](repeating: 0, count: signalCount * ((patternCount + 63) / 64))
    }

    /// A set whose words are written by `initialize`, which must write every
    /// word and leave the unused high bits of each signal's last word zero.
    init(
        signalCount: Int, patternCount: Int,
        initializingWordsWith initialize: (UnsafeMutableBufferPointer<UInt64>) -> Void
    ) {
        self.signalCount = signalCount
        self.patternCount = patternCount
        let count = signalCount * ((patternCount + 63) / 64)
        self.words = [UInt64](unsafeUninitializedCapacity: count) { buffer, initializedCount in
            initialize(buffer)
            initializedCount = count
        }
    }

    /// The mask of valid bits in each signal's last word (all ones when full).
    @inlinable public var lastWordMask: UInt64 {
        let used = patternCount % 64
        return used == 0 ? ~0 : (1 << UInt64(used)) - 1
    }

    /// Pattern `pattern` of signal `signal`.
    public subscript(signal: Int, pattern: Int) -> Bool {
        get {
            let (index, bit) = position(signal: signal, pattern: pattern)
            return words[index] >> bit & 1 != 0
        }
        set {
            let (index, bit) = position(signal: signal, pattern: pattern)
            if newValue { words[index] |= 1 << bit } else { words[index] &= ~(1 << bit) }
        }
    }

    private func position(signal: Int, pattern: Int) -> (index: Int, bit: UInt64) {
        precondition(signal >= 0 && signal < signalCount, "signal \(signal) out of range 0..<\(signalCount)")
        precondition(pattern >= 0 && pattern < patternCount, "pattern \(pattern) out of range 0..<\(patternCount)")
        return (signal * wordsPerSignal + pattern / 64, UInt64(pattern % 64))
    }

    /// The words of one signal.
    public func words(ofSignal signal: Int) -> ArraySlice<UInt64> {
        precondition(signal >= 0 && signal < signalCount, "signal \(signal) out of range 0..<\(signalCount)")
        return words[signal * wordsPerSignal ..< (signal + 1) * wordsPerSignal]
    }

    /// Replaces the words of one signal; the unused high bits of the last word are cleared.
    public mutating func setWords<C: Collection>(ofSignal signal: Int, to newWords: C) where C.Element == UInt64 {
        precondition(signal >= 0 && signal < signalCount, "signal \(signal) out of range 0..<\(signalCount)")
        precondition(newWords.count == wordsPerSignal, "expected \(wordsPerSignal) words, got \(newWords.count)")
        let start = signal * wordsPerSignal
        for (offset, word) in newWords.enumerated() { words[start + offset] = word }
        if wordsPerSignal > 0 { words[start + wordsPerSignal - 1] &= lastWordMask }
    }

    /// The 64 patterns `64 * chunk ..< 64 * chunk + 64` of every signal, one word per signal
    /// (the layout `AIG.evaluate(inputs:)` takes).
    public func wordColumn(_ chunk: Int) -> [UInt64] {
        precondition(chunk >= 0 && chunk < wordsPerSignal, "chunk \(chunk) out of range 0..<\(wordsPerSignal)")
        return (0..<signalCount).map { words[$0 * wordsPerSignal + chunk] }
    }

    /// The first `count` patterns of every signal.
    public func prefix(_ count: Int) -> PatternSet {
        precondition(count >= 0 && count <= patternCount, "prefix of \(count) out of \(patternCount) patterns")
        var result = PatternSet(signalCount: signalCount, patternCount: count)
        for signal in 0..<signalCount where result.wordsPerSignal > 0 {
            let start = signal * wordsPerSignal
            result.setWords(ofSignal: signal, to: words[start ..< start + result.wordsPerSignal])
        }
        return result
    }

    /// Calls `body` with the packed words (read-only).
    public func withUnsafeWords<R>(_ body: (UnsafeBufferPointer<UInt64>) throws -> R) rethrows -> R {
        try words.withUnsafeBufferPointer(body)
    }
}
