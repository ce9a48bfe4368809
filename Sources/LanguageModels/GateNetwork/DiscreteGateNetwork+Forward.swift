import Learning

/// The discrete forward pass, 64 contexts per machine word, on the same
/// bit-packed kernels the training code uses for its discrete evaluation.
extension DiscreteGateNetwork {
    /// Integer class scores (popcount of each class's group) for `count`
    /// contexts stored back to back in `contexts` (`contextLength` bytes each,
    /// oldest first). Returns `count × classCount` scores, context-major.
    public func scores(contexts: [UInt8], count: Int) -> [Int32] {
        guard count > 0 else { return [] }
        var scores = groupScores(contexts: contexts, count: count)
        countROM?.addScores(contexts: contexts, count: count, contextLength: contextLength, classCount: classCount, to: &scores)
        return scores
    }

    /// The learned part of `scores`: each class's GroupSum popcount, without a count ROM's votes.
    func groupScores(contexts: [UInt8], count: Int) -> [Int32] {
        guard count > 0 else { return [] }
        let (words, wordsPerUnit) = lastLayerWords(contexts: contexts, count: count)
        // GroupSum ignores the lanes past the last context (a NOT of an empty lane is 1).
        return GroupSum.integerScores(outputWords: words, wordsPerUnit: wordsPerUnit, sampleCount: count,
                                      classCount: classCount, groupSize: groupSize)
    }

    /// The last layer's gate outputs for `count` contexts (as `scores`):
    /// `[gateCount × wordsPerUnit]`, context s in bit s % 64 of word s / 64.
    /// Lanes past the last context hold garbage.
    func lastLayerWords(contexts: [UInt8], count: Int) -> (words: [UInt64], wordsPerUnit: Int) {
        precondition(contexts.count == count * contextLength, "expected \(count) contexts of \(contextLength) bytes")
        let table = (0..<256 * embeddingBits).map { i in embedding[i / embeddingBits] >> UInt64(i % embeddingBits) & 1 == 1 }
        var (words, wordsPerUnit) = Embedding.discreteForward(bits: table, bitsPerByte: embeddingBits,
                                                              contexts: contexts, contextLength: contextLength)
        words += hashedTableWords(contexts: contexts, count: count, wordsPerUnit: wordsPerUnit)
        for layer in layers { words = layer.evaluate(words, wordsPerUnit: wordsPerUnit) }
        return (words, wordsPerUnit)
    }
}

extension DiscreteGateNetwork {
    /// The hashed tables' units for `count` contexts, `[tables·E × wordsPerUnit]` (after the embedding's).
    func hashedTableWords(contexts: [UInt8], count: Int, wordsPerUnit: Int) -> [UInt64] {
        var words = [UInt64](repeating: 0, count: hashedTables.count * embeddingBits * wordsPerUnit)
        var rows = [UInt32](repeating: 0, count: count)
        for (t, table) in hashedTables.enumerated() {
            table.hash.rows(of: contexts, count: count, contextLength: contextLength, rowTable: table.hash.rowTable, into: &rows)
            for sample in 0..<count {
                let value = table.rows[Int(rows[sample])]
                for e in 0..<embeddingBits where value >> UInt64(e) & 1 == 1 {
                    words[((t * embeddingBits) + e) * wordsPerUnit + sample / 64] |= 1 << UInt64(sample % 64)
                }
            }
        }
        return words
    }
}

extension DiscreteGateLayer {
    /// Gate outputs `[gateCount × wordsPerUnit]` from input words `[inputCount × wordsPerUnit]`.
    public func evaluate(_ inputs: [UInt64], wordsPerUnit: Int) -> [UInt64] {
        precondition(inputs.count == inputCount * wordsPerUnit, "expected \(inputCount * wordsPerUnit) input words")
        var outputs = [UInt64](repeating: 0, count: gateCount * wordsPerUnit)
        inputs.withUnsafeBufferPointer { input in
            outputs.withUnsafeMutableBufferPointer { output in
                inputA.withUnsafeBufferPointer { a in
                    inputB.withUnsafeBufferPointer { b in
                        GateLayer.discreteForward(functions: functions, firstInput: a.baseAddress!, secondInput: b.baseAddress!,
                                                  input: input.baseAddress!, output: output.baseAddress!,
                                                  wordsPerUnit: wordsPerUnit)
                    }
                }
            }
        }
        return outputs
    }
}
