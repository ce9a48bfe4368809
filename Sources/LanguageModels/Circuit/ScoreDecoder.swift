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
        let classCount = planes.count
        withUnsafeTemporaryAllocation(of: SIMD8<Int32>.self, capacity: 8 * classCount) { groups in
            for word in 0..<(patternCount + 63) / 64 {
                decodeWord(word, outputWords: outputWords, patternCount: patternCount, into: groups.baseAddress!)
                for p in 64 * word ..< min(patternCount, 64 * word + 64) {
                    let group = groups.baseAddress! + (p / 8 % 8) * classCount
                    for c in 0..<classCount { scores[p * classCount + c] = group[c][p % 8] }
                }
            }
        }
    }

    /// Writes the scores of the 64 patterns of word `word` as eight groups of
    /// eight, each class-major: `scores[g · classCount + c]` holds class c's
    /// score for the patterns `64 · word + 8 · g ..< 64 · word + 8 · g + 8`
    /// (0 past `patternCount`: the simulator clears bits past the last pattern).
    /// Generation decodes and samples word by word, so the scores stay in L1.
    func decodeWord(_ word: Int, outputWords: UnsafePointer<UInt64>, patternCount: Int,
                    into scores: UnsafeMutablePointer<SIMD8<Int32>>) {
        let wordsPerSignal = (patternCount + 63) / 64, classCount = planes.count
        Self.spreadTable.withUnsafeBufferPointer { spread in
            planeSignals.withUnsafeBufferPointer { signals in
                classStarts.withUnsafeBufferPointer { starts in
                    for c in 0..<classCount {
                        let start = starts[c], bitCount = starts[c + 1] - start
                        var chunk = 0
                        repeat {
                            // Up to eight planes at once: every byte lane stays below 256.
                            var packed = SIMD8<UInt64>()   // lane g: the eight patterns of group g, a byte each
                            for i in 0..<min(8, bitCount - chunk) {
                                let plane = outputWords[signals[start + chunk + i] &* wordsPerSignal &+ word]
                                for g in 0..<8 {
                                    packed[g] |= spread[Int(truncatingIfNeeded: (plane &>> UInt64(8 * g)) & 0xFF)] &<< UInt64(i)
                                }
                            }
                            for g in 0..<8 {
                                let bytes = unsafeBitCast(packed[g].littleEndian, to: SIMD8<UInt8>.self)
                                let value = SIMD8<Int32>(truncatingIfNeeded: bytes) &<< Int32(chunk)
                                let target = scores + g * classCount + c
                                target.pointee = chunk == 0 ? value : target.pointee | value
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
