import Circuits
import LanguageModels

/// The value of every AIG variable of a model on a set of contexts: one
/// bit-parallel simulation of all nodes (`NodeSimulator`), pattern i = context i.
public struct NodeValues: Sendable {
    public let patternCount: Int
    let words: Int
    let values: [UInt64]

    /// Simulates `model` on `count` contexts (W bytes each, oldest first).
    public init(_ model: CircuitLanguageModel, contexts: [UInt8], count: Int) {
        let patterns = model.inputPatterns(contexts: contexts, count: max(count, 1))
        var simulator = NodeSimulator(model.aig, words: patterns.wordsPerSignal)
        simulator.simulate(leafWords: patterns.words)
        patternCount = count
        words = patterns.wordsPerSignal
        values = simulator.values
    }

    /// The value of `literal` on context `pattern`.
    @inline(__always)
    public func value(_ literal: Literal, pattern: Int) -> Bool {
        let word = values[literal.variable * words + pattern / 64] >> UInt64(pattern % 64) & 1 == 1
        return word != literal.isComplemented
    }

    /// The words of `literal` (pattern p is bit p % 64 of word p / 64; bits past the last pattern are arbitrary).
    public func words(of literal: Literal) -> ArraySlice<UInt64> {
        let start = literal.variable * words
        let slice = values[start ..< start + words]
        return literal.isComplemented ? ArraySlice(slice.map { ~$0 }) : slice
    }
}
