import Circuits

/// Simulates every node of a combinational view of an AIG (latches read as
/// 0) on a pattern set, one chunk of patterns at a time, into one reused
/// buffer: `words` words per variable, variable-major.
struct NodeValueChunks {
    let aig: AIG
    let patterns: PatternSet
    /// Words per variable in a chunk.
    let words: Int
    /// Values of the current chunk: variable `v`'s words start at `v * words`.
    private(set) var values: [UInt64]

    init(_ aig: AIG, patterns: PatternSet, wordsPerChunk: Int = 64) {
        precondition(patterns.signalCount == aig.inputCount, "one pattern signal per input")
        self.aig = aig
        self.patterns = patterns
        self.words = max(1, min(wordsPerChunk, patterns.wordsPerSignal))
        self.values = [UInt64](repeating: 0, count: aig.variableCount * words)
    }

    /// Number of chunks covering every pattern.
    var chunkCount: Int { (patterns.wordsPerSignal + words - 1) / words }

    /// Word range of the pattern set in chunk `chunk` (the last one may be short).
    func wordRange(ofChunk chunk: Int) -> Range<Int> {
        chunk * words ..< min((chunk + 1) * words, patterns.wordsPerSignal)
    }

    /// Evaluates every node on chunk `chunk`. Words beyond the chunk's
    /// patterns (in a short last chunk, or past the last pattern) are zero
    /// for inputs and arbitrary for ANDs: mask them with `validMask`.
    mutating func evaluate(chunk: Int) {
        let range = wordRange(ofChunk: chunk), w = words, inputs = aig.inputCount
        let wordsPerSignal = patterns.wordsPerSignal, first = aig.firstAndVariable
        let aig = self.aig
        values.withUnsafeMutableBufferPointer { values in
            let values = values.baseAddress!
            patterns.withUnsafeWords { source in
                for i in 0..<inputs {
                    let destination = values + (1 + i) * w
                    for j in 0..<w { destination[j] = j < range.count ? source[i * wordsPerSignal + range.lowerBound + j] : 0 }
                }
            }
            aig.fanin0.withUnsafeBufferPointer { f0 in
                aig.fanin1.withUnsafeBufferPointer { f1 in
                    for k in 0..<f0.count {
                        let a = values + f0[k].variable * w, b = values + f1[k].variable * w
                        let maskA: UInt64 = f0[k].isComplemented ? ~0 : 0, maskB: UInt64 = f1[k].isComplemented ? ~0 : 0
                        let out = values + (first + k) * w
                        for j in 0..<w { out[j] = (a[j] ^ maskA) & (b[j] ^ maskB) }
                    }
                }
            }
        }
    }

    /// The mask of real patterns in word `j` of chunk `chunk`.
    func validMask(chunk: Int, word j: Int) -> UInt64 {
        let global = chunk * words + j
        if global >= patterns.wordsPerSignal { return 0 }
        return global == patterns.wordsPerSignal - 1 ? patterns.lastWordMask : ~0
    }
}
