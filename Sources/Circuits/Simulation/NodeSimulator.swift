/// Bit-parallel simulation of every variable of an AIG (not only the
/// outputs): `words` 64-pattern words per variable, variable-major, with
/// inputs and latches as free leaves. The signatures SAT sweeping groups
/// nodes by, and the node values the interpretability commands read; the
/// buffer is reused from one call to the next.
public struct NodeSimulator: Sendable {
    public let aig: AIG
    public let words: Int
    /// `values[v * words + w]`: word `w` of variable `v`.
    public private(set) var values: [UInt64]

    public init(_ aig: AIG, words: Int) {
        precondition(words >= 1, "simulate at least one word")
        self.aig = aig
        self.words = words
        values = [UInt64](repeating: 0, count: aig.variableCount * words)
    }

    /// Number of leaves (inputs, then latches): the variables `1...leafCount`.
    public var leafCount: Int { aig.inputCount + aig.latchCount }

    /// Simulates with `leafWords[i * words + w]` as word `w` of leaf `i` (input `i`, then latches).
    public mutating func simulate(leafWords: [UInt64]) {
        precondition(leafWords.count == leafCount * words, "expected \(leafCount * words) leaf words")
        let w = words, first = aig.firstAndVariable
        aig.fanin0.withUnsafeBufferPointer { f0 in
            aig.fanin1.withUnsafeBufferPointer { f1 in
                values.withUnsafeMutableBufferPointer { v in
                    for k in 0..<w { v[k] = 0 }
                    for k in 0..<leafWords.count { v[w + k] = leafWords[k] }
                    for k in 0..<f0.count {
                        let a = f0[k].raw, b = f1[k].raw
                        let ia = Int(a >> 1) * w, ib = Int(b >> 1) * w
                        let ma: UInt64 = a & 1 == 0 ? 0 : ~0, mb: UInt64 = b & 1 == 0 ? 0 : ~0
                        let out = (first + k) * w
                        for j in 0..<w { v[out + j] = (v[ia + j] ^ ma) & (v[ib + j] ^ mb) }
                    }
                }
            }
        }
    }

    /// Word `w` of `literal`.
    public func word(_ literal: Literal, _ w: Int = 0) -> UInt64 {
        let value = values[literal.variable * words + w]
        return literal.isComplemented ? ~value : value
    }
}
