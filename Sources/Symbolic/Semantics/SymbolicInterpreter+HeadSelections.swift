/// What the heads attended to, for tracing: the one view of the compiled heads outside the interpreter.
extension SymbolicInterpreter {
    /// The key positions each head of layer `layer` (1…L) selects at position `i` of a traced
    /// text, nearest first, one list per head in the layer's order (empty: the head wrote `as.none`).
    public func headSelections(_ trace: LabelTrace, layer: Int, at i: Int) -> [[Int]] {
        let compiled = layers[layer - 1], previous = trace.layers[layer - 1], words = trace.words
        let bos = LabelTrace.bosWords(words)
        func has(_ mask: LabelMask, _ j: Int) -> Bool {
            mask.intersects(j < 0 ? bos[...] : previous[j * words ..< (j + 1) * words])
        }
        return compiled.heads.map { compiled.select($0, at: i, previous: previous, words: words, has: has) }
    }
}
