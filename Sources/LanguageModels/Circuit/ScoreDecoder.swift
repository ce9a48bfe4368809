/// Turns a language-model circuit's output words (one bit plane per score
/// bit, one bit per pattern) into integer scores, pattern-major, eight
/// patterns at a time: each byte of a plane word spreads through a table
/// into eight byte lanes, so the cost is per plane byte, not per bit.
struct ScoreDecoder: Sendable {
    /// For each decoded class (in the order scores are written), the output
    /// indices of its score bits, least significant first.
    let planes: [[Int]]

    /// Decodes the classes `planes` lists, in that order.
    init(planes: [[Int]]) {
        self.planes = planes
    }

    var classCount: Int { planes.count }

    /// Writes `scores[p · classCount + c]` for every pattern p < `patternCount`
    /// and class c, from output words laid out as `PatternSet.words`.
    func decode(outputWords: UnsafePointer<UInt64>, patternCount: Int, into scores: UnsafeMutablePointer<Int32>) {
        let wordsPerSignal = (patternCount + 63) / 64, classCount = planes.count
        Self.spreadTable.withUnsafeBufferPointer { spread in
            for (c, bits) in planes.enumerated() {
                for w in 0..<wordsPerSignal {
                    let lanesInWord = min(64, patternCount - 64 * w)
                    for group in 0..<(lanesInWord + 7) / 8 {
                        let shift = UInt64(8 * group)
                        let first = 64 * w + 8 * group
                        let lanes = min(8, lanesInWord - 8 * group)
                        var chunkStart = 0
                        while chunkStart < bits.count || chunkStart == 0 {
                            // Up to eight planes at once: every byte lane stays below 256.
                            var packed: UInt64 = 0
                            for i in chunkStart..<min(chunkStart + 8, bits.count) {
                                let byte = Int(truncatingIfNeeded: outputWords[bits[i] * wordsPerSignal + w] >> shift) & 0xFF
                                packed |= spread[byte] << UInt64(i - chunkStart)
                            }
                            for j in 0..<lanes {
                                let value = Int32(truncatingIfNeeded: (packed >> UInt64(8 * j)) & 0xFF) << Int32(chunkStart)
                                let target = scores + (first + j) * classCount + c
                                target.pointee = chunkStart == 0 ? value : target.pointee | value
                            }
                            chunkStart += 8
                        }
                    }
                }
            }
        }
    }

    /// `spreadTable[x]`: byte j is bit j of x.
    static let spreadTable: [UInt64] = (0..<256).map { (x: Int) -> UInt64 in
        var word: UInt64 = 0
        for j in 0..<8 where x >> j & 1 == 1 { word |= 1 << UInt64(8 * j) }
        return word
    }
}
