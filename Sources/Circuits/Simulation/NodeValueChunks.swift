/// Simulates every node of a combinational AIG on a pattern set, one chunk
/// of patterns at a time, with `NodeSimulator` and one reused buffer:
/// `words` words per variable, variable-major.
public struct NodeValueChunks: Sendable {
    public let patterns: PatternSet
    /// Words per variable in a chunk.
    public let words: Int
    private var simulator: NodeSimulator
    private var inputWords: [UInt64]

    public init(_ aig: AIG, patterns: PatternSet, wordsPerChunk: Int = 64) {
        precondition(patterns.signalCount == aig.inputCount, "one pattern signal per input")
        precondition(!aig.isSequential, "node values on patterns are for combinational circuits")
        self.patterns = patterns
        self.words = max(1, min(wordsPerChunk, patterns.wordsPerSignal))
        simulator = NodeSimulator(aig, words: words)
        inputWords = [UInt64](repeating: 0, count: aig.inputCount * words)
    }

    /// Values of the current chunk: variable `v`'s words start at `v * words`.
    public var values: [UInt64] { simulator.values }

    /// Number of chunks covering every pattern.
    public var chunkCount: Int { (patterns.wordsPerSignal + words - 1) / words }

    /// Evaluates every node on chunk `chunk`. Words beyond the chunk's
    /// patterns (in a short last chunk, or past the last pattern) are zero
    /// for inputs and arbitrary for ANDs: mask them with `validMask`.
    public mutating func evaluate(chunk: Int) {
        let start = chunk * words, count = min(words, patterns.wordsPerSignal - start)
        let w = words, perSignal = patterns.wordsPerSignal, inputs = patterns.signalCount
        patterns.withUnsafeWords { source in
            inputWords.withUnsafeMutableBufferPointer { destination in
                for i in 0..<inputs {
                    for j in 0..<w { destination[i * w + j] = j < count ? source[i * perSignal + start + j] : 0 }
                }
            }
        }
        simulator.simulate(leafWords: inputWords)
    }

    /// The mask of real patterns in word `j` of chunk `chunk`.
    public func validMask(chunk: Int, word j: Int) -> UInt64 {
        let global = chunk * words + j
        if global >= patterns.wordsPerSignal { return 0 }
        return global == patterns.wordsPerSignal - 1 ? patterns.lastWordMask : ~0
    }
}
