extension PatternSet {
    /// Uniformly random patterns, deterministic for a seed (SplitMix64 words,
    /// signal after signal).
    public static func random(signalCount: Int, patternCount: Int, seed: UInt64) -> PatternSet {
        var rng = SplitMix64(seed: seed)
        let perSignal = (patternCount + 63) / 64
        let mask = PatternSet(signalCount: 0, patternCount: patternCount).lastWordMask
        return PatternSet(signalCount: signalCount, patternCount: patternCount) { words in
            for index in words.indices {
                let isLast = index % perSignal == perSignal - 1
                words[index] = rng.next() & (isLast ? mask : ~0)
            }
        }
    }
}
