import Circuits

/// The discrete forward pass, 64 contexts per machine word.
extension DiscreteGateNetwork {
    /// Integer class scores (popcount of each class's group) for `count`
    /// contexts stored back to back in `contexts` (`contextLength` bytes each,
    /// oldest first). Returns `count × classCount` scores, context-major.
    public func scores(contexts: [UInt8], count: Int) -> [Int32] {
        precondition(contexts.count == count * contextLength, "expected \(count) contexts of \(contextLength) bytes")
        var scores = [Int32](repeating: 0, count: count * classCount)
        var start = 0
        while start < count {
            let lanes = min(64, count - start)
            let outputs = lastLayerWords(contexts: contexts, start: start, lanes: lanes)
            // Lanes past the last context hold garbage (a NOT of nothing is 1): mask them off.
            let laneMask: UInt64 = lanes == 64 ? ~0 : (1 << UInt64(lanes)) - 1
            for c in 0..<classCount {
                for g in c * groupSize ..< (c + 1) * groupSize {
                    var word = outputs[g] & laneMask
                    while word != 0 {
                        let lane = word.trailingZeroBitCount
                        scores[(start + lane) * classCount + c] += 1
                        word &= word - 1
                    }
                }
            }
            start += lanes
        }
        return scores
    }

    /// The last layer's outputs for contexts `start ..< start + lanes`, one word per gate.
    func lastLayerWords(contexts: [UInt8], start: Int, lanes: Int) -> [UInt64] {
        let w = contextLength, e = embeddingBits
        var units = [UInt64](repeating: 0, count: w * e)
        for lane in 0..<lanes {
            let base = (start + lane) * w
            for slot in 0..<w {
                let code = embedding[Int(contexts[base + slot])]
                for bit in 0..<e where code >> UInt64(bit) & 1 == 1 { units[slot * e + bit] |= 1 << UInt64(lane) }
            }
        }
        for layer in layers { units = layer.evaluate(units) }
        return units
    }
}

extension DiscreteGateLayer {
    /// Gate outputs from input words (64 independent samples per word).
    public func evaluate(_ inputs: [UInt64]) -> [UInt64] {
        precondition(inputs.count == inputCount, "expected \(inputCount) input words")
        var outputs = [UInt64](repeating: 0, count: gateCount)
        for g in 0..<gateCount {
            let a = inputs[Int(inputA[g])], b = inputs[Int(inputB[g])]
            let (k0, k1, k2, k3) = BooleanFunction2(functions[g]).algebraicNormalFormMasks
            outputs[g] = k0 ^ (k1 & a) ^ (k2 & b) ^ (k3 & a & b)
        }
        return outputs
    }
}
