/// Turns a language-model circuit's output words (one bit plane per score
/// bit, one bit per pattern) into integer scores, pattern-major, eight
/// patterns at a time: each byte of a plane word spreads through a table
/// into eight byte lanes, so the cost is per plane byte, not per bit.
struct ScoreDecoder: Sendable {
    /// For each decoded class (in the order scores are written), the output
    /// indices of its score bits, least significant first.
    let planes: [[Int]]
    /// `planes` flattened: class c's bits are `planeSignals[classStarts[c] ..< classStarts[c + 1]]`.
    private let planeSignals: [Int]
    private let classStarts: [Int]

    /// Decodes the classes `planes` lists, in that order.
    init(planes: [[Int]]) {
        self.planes = planes
        planeSignals = planes.flatMap { $0 }
        classStarts = planes.reduce(into: [0]) { starts, bits in starts.append(starts.last! + bits.count) }
    }

    var classCount: Int { planes.count }

    /// Writes `scores[p · classCount + c]` for every pattern p < `patternCount`
    /// and class c, from output words laid out as `PatternSet.words`.
    func decode(outputWords: UnsafePointer<UInt64>, patternCount: Int, into scores: UnsafeMutablePointer<Int32>) {
        let wordsPerSignal = (patternCount + 63) / 64, classCount = planes.count
        Self.spreadTable.withUnsafeBufferPointer { spread in
            planeSignals.withUnsafeBufferPointer { signals in
                for c in 0..<classCount {
                    let start = classStarts[c], bitCount = classStarts[c + 1] - start
                    for w in 0..<wordsPerSignal {
                        let lanesInWord = min(64, patternCount - 64 * w)
                        var chunk = 0
                        repeat {
                            // Up to eight planes at once: every byte lane stays below 256.
                            let planeCount = min(8, bitCount - chunk)
                            var words = SIMD8<UInt64>()
                            for i in 0..<planeCount { words[i] = outputWords[signals[start + chunk + i] &* wordsPerSignal &+ w] }
                            for group in 0..<(lanesInWord + 7) / 8 {
                                var packed: UInt64 = 0
                                for i in 0..<planeCount {
                                    packed |= spread[Int(truncatingIfNeeded: (words[i] &>> UInt64(8 * group)) & 0xFF)] &<< UInt64(i)
                                }
                                var target = scores + (64 * w + 8 * group) * classCount + c
                                for j in 0..<min(8, lanesInWord - 8 * group) {
                                    let value = Int32(truncatingIfNeeded: (packed &>> UInt64(8 * j)) & 0xFF) &<< Int32(chunk)
                                    target.pointee = chunk == 0 ? value : target.pointee | value
                                    target += classCount
                                }
                            }
                            chunk += 8
                        } while chunk < bitCount
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
