import Learning

/// Folding a trained `TernaryRNN` into its boolean state machine.
extension TernaryRNN {
    /// The state machine whose every step equals this model's straight-through forward pass, and
    /// the readout that turns its integer scores into the same probabilities:
    /// - code bit e of byte x is [code[x, e] ≥ 0];
    /// - each unit's gain·(Σ t·v)/√nnz + bias ≥ 0 becomes sign·Σ t·v ≥ θ (`ThresholdFolding`);
    /// - class c's score is R̂_c·h′ + (negative weights of c) + offset_c with
    ///   offset_c = round(q_c/s) − (negative weights of c) + K (K makes the least offset 0),
    ///   so score/τ with τ = 1/s differs from the training logit by the constant s·K only.
    public func discrete(classBytes: [UInt8]) throws(DiscreteTernaryRNN.Invalid) -> (model: DiscreteTernaryRNN, readout: ReadoutParameters) {
        guard relaxation == .straightThrough else {
            throw DiscreteTernaryRNN.Invalid(description: "only a straight-through model folds into a state machine")
        }
        prepare()
        let h = stateBits, e = codeBits, inputs = inputWidth
        let codeFloats = code.array
        let bytes = (0..<256).map { x in
            (0..<e).reduce(UInt64(0)) { word, bit in codeFloats[x * e + bit] >= 0 ? word | 1 << UInt64(bit) : word }
        }
        let ternary = ternaryGateWeights, scales = gateRowScales
        let units = (0..<2 * h).map { r in
            let (sign, threshold) = ThresholdFolding.fold(gain: gain[r] * scales[r], bias: bias[r], inputs: inputs)
            return DiscreteTernaryRNN.Unit(weights: ternary[r * inputs ..< (r + 1) * inputs].map { $0 * sign }, threshold: threshold)
        }
        let readoutWeights = ternaryReadoutWeights, s = readoutScale[0]
        let levels = (0..<classCount).map { c in
            let negatives = readoutWeights[c * h ..< (c + 1) * h].reduce(0) { $0 + ($1 < 0 ? 1 : 0) }
            let rounded = Double(readoutBias[c] / s).rounded()
            return rounded.isFinite ? Int(max(-1e9, min(1e9, rounded))) - negatives : Int.min
        }
        guard let lowest = levels.min(), lowest != Int.min else {
            throw DiscreteTernaryRNN.Invalid(description: "the readout bias is not finite")
        }
        let offsets = levels.map { Int32(clamping: $0 - lowest) }
        let model = try DiscreteTernaryRNN(stateBits: h, codeBits: e, code: bytes, update: Array(units[0..<h]),
                                           candidate: Array(units[h..<2 * h]), readout: readoutWeights, offsets: offsets,
                                           classBytes: classBytes)
        return (model, ReadoutParameters(temperature: 1 / Double(s), epsilon: Double(configuration.epsilon)))
    }
}
