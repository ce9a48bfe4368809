import Text

/// The input words of a language-model circuit for a set of streams, kept
/// up to date byte by byte: input `ctx[-p][b]` (signal `8p + b`) holds bit b
/// of each stream's p-th most recent byte, one bit per stream, signal-major
/// as `PatternSet.words`. Appending a byte shifts every position one back
/// (a word copy) and packs the new bytes into the signals of `ctx[-1]`, so
/// no context is rebuilt bit by bit.
struct ContextBitPlanes {
    /// W, bytes of context.
    let contextLength: Int
    let streamCount: Int
    /// Words per signal: ⌈streamCount / 64⌉.
    let wordsPerSignal: Int
    /// `8 · W` signals of `wordsPerSignal` words.
    private(set) var words: [UInt64]

    /// Planes for `streamCount` streams that all start with `text` (earlier
    /// positions read as `ContextWindow.padByte`).
    init(contextLength: Int, streamCount: Int, text: [UInt8]) {
        precondition(ContextWindow.padByte == 0, "the empty planes stand for padding")
        self.contextLength = contextLength
        self.streamCount = streamCount
        wordsPerSignal = (streamCount + 63) / 64
        words = [UInt64](repeating: 0, count: 8 * contextLength * wordsPerSignal)
        var bytes = [UInt8](repeating: 0, count: streamCount)
        for byte in text.suffix(contextLength) {
            for s in bytes.indices { bytes[s] = byte }
            bytes.withUnsafeBufferPointer { append($0) }
        }
    }

    /// Makes `bytes` (one per stream) the most recent byte of each stream.
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        precondition(bytes.count == streamCount, "one byte per stream")
        let wordsPerSignal = self.wordsPerSignal, count = streamCount
        let planeWords = 8 * wordsPerSignal
        words.withUnsafeMutableBufferPointer { words in
            let base = words.baseAddress!
            (base + planeWords).update(from: base, count: words.count - planeWords)   // overlapping: copies backwards
            for w in 0..<wordsPerSignal {
                var planes = SIMD8<UInt64>()
                for group in 0..<min(8, (count - 64 * w + 7) / 8) {
                    let eight = Self.loadEight(bytes, from: 64 * w + 8 * group)
                    for b in 0..<8 { planes[b] |= Self.gatherBit(b, ofEightBytes: eight) << UInt64(8 * group) }
                }
                for b in 0..<8 { base[b * wordsPerSignal + w] = planes[b] }
            }
        }
    }

    /// Bytes `start ..< start + 8` as a little-endian word (0 past the end).
    @inline(__always)
    private static func loadEight(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> UInt64 {
        var word: UInt64 = 0
        for j in 0..<min(8, bytes.count - start) { word |= UInt64(bytes[start + j]) << UInt64(8 * j) }
        return word
    }

    /// Bit `b` of each byte of `eight`, byte j's bit as bit j.
    @inline(__always)
    static func gatherBit(_ b: Int, ofEightBytes eight: UInt64) -> UInt64 {
        (((eight >> UInt64(b)) & 0x0101_0101_0101_0101) &* 0x0102_0408_1020_4080) >> 56
    }
}
