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
        withUnsafeTemporaryAllocation(of: SIMD8<Int32>.self, capacity: classCount) { group in
            for g in 0..<(patternCount + 7) / 8 {
                decodeGroup(g, outputWords: outputWords, patternCount: patternCount, into: group.baseAddress!)
                for lane in 0..<min(8, patternCount - 8 * g) {
                    for c in 0..<classCount { scores[(8 * g + lane) * classCount + c] = group[c][lane] }
                }
            }
        }
    }

    /// Writes the scores of the eight patterns `8 · group ..< 8 · group + 8`,
    /// class-major: `scores[c]` holds class c's score for each of the eight
    /// (lanes past `patternCount` hold 0: the simulator clears bits past the last pattern).
    /// Generation decodes and samples group by group, so the scores stay in L1.
    func decodeGroup(_ group: Int, outputWords: UnsafePointer<UInt64>, patternCount: Int,
                     into scores: UnsafeMutablePointer<SIMD8<Int32>>) {
        let wordsPerSignal = (patternCount + 63) / 64
        let word = group / 8, shift = UInt64(8 * (group % 8))
        Self.spreadTable.withUnsafeBufferPointer { spread in
            planeSignals.withUnsafeBufferPointer { signals in
                classStarts.withUnsafeBufferPointer { starts in
                    for c in 0..<planes.count {
                        let start = starts[c], bitCount = starts[c + 1] - start
                        var value = SIMD8<Int32>()
                        var chunk = 0
                        repeat {
                            // Up to eight planes at once: every byte lane stays below 256.
                            var packed: UInt64 = 0
                            for i in 0..<min(8, bitCount - chunk) {
                                let plane = outputWords[signals[start + chunk + i] &* wordsPerSignal &+ word]
                                packed |= spread[Int(truncatingIfNeeded: (plane &>> shift) & 0xFF)] &<< UInt64(i)
                            }
                            let bytes = unsafeBitCast(packed.littleEndian, to: SIMD8<UInt8>.self)
                            value |= SIMD8<Int32>(truncatingIfNeeded: bytes) &<< Int32(chunk)
                            chunk += 8
                        } while chunk < bitCount
                        scores[c] = value
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
