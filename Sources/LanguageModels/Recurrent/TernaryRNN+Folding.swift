import Learning

/// Folding a trained `TernaryRNN` into its boolean state machine.
extension TernaryRNN {
    /// The state machine whose every step equals this model's straight-through forward pass, and
    /// the readout that turns its integer scores into the same probabilities:
    /// - code bit e of byte x is [code[x, e] ≥ 0];
    /// - each unit's gain·(Σ t·σ(v))/√nnz + bias ≥ 0 becomes sign·Σ t·v ≥ θ (`ThresholdFolding`),
    ///   with σ(v) = 2v − 1 for signed inputs, so the gain doubles and the bias takes −gain·Σ t/√nnz;
    /// - class c's score is R̂_c·h′ + (negative weights of c) + offset_c with
    ///   offset_c = k_c − (negative weights of c) + K (K makes the least offset 0), where
///   (with a k-bit state, a candidate unit folds once per level, and "negative weights" is the
///   readout shift: hi per −1 weight, −lo per +1 weight)
    ///   k_c = q_c/s unsigned (τ = 1/s) and (q_c/s − Σ R̂_c)/2 signed (τ = 1/(2s)), integers by
    ///   `prepare()`'s rounding of q; so score/τ differs from the training logit by a constant only.
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
        let ternary = ternaryGateWeights, scales = gateRowScales, signed = signedInputs
        let k = configuration.activationBits, range = configuration.stateRange
        // The gates saw the state scaled by 2¹⁻ᵏ: in integers, the code bits weigh 2ᵏ⁻¹ and the gain shrinks as much.
        let codeWeight = TernaryRNNConfiguration.codeBitWeight(activationBits: k), inputScale = configuration.stateInputScale
        let bound = DiscreteTernaryRNN.largestSum(stateBits: h, codeBits: e, activationBits: k, codeWeight: codeWeight)
        var units = [DiscreteTernaryRNN.Unit]()
        units.reserveCapacity(2 * h)
        for r in 0..<2 * h {
            let row = ternary[r * inputs ..< (r + 1) * inputs]
            // g·scale·Σ t(2v − 1) + b = 2g·scale·Σ t·v + (b − g·scale·Σ t).
            let folded = signed ? (gain: 2 * gain[r] * scales[r], bias: bias[r] - gain[r] * scales[r] * Float(row.reduce(0) { $0 + Int($1) }))
                                : (gain: gain[r] * scales[r] * inputScale, bias: bias[r])
            // Finite parameters can overflow here (a gain near Float's largest): refused, not trapped on.
            guard folded.gain.isFinite && folded.bias.isFinite else {
                throw DiscreteTernaryRNN.Invalid(description: "unit \(r): its folded gain \(folded.gain) and bias \(folded.bias) are not finite "
                                                 + "(tensor 'gain' element \(r) is \(gain[r]), 'bias' element \(r) is \(bias[r]))")
            }
            if k > 1 && r >= h {
                // n ≥ lo + j exactly when gain·s + bias ≥ lo + j − ½ (the forward rounds halves up), j = 1 … 2ᵏ − 1:
                // one fold per level, all with the gain's sign.
                let folds = (1..<(1 << k)).map { j in
                    ThresholdFolding.fold(gain: folded.gain, bias: folded.bias - (Float(range.lowerBound + j) - 0.5), inputs: bound)
                }
                let sign = folds[0].sign
                units.append(DiscreteTernaryRNN.Unit(weights: row.map { $0 * sign }, thresholds: folds.map(\.threshold)))
            } else {
                let (sign, threshold) = ThresholdFolding.fold(gain: folded.gain, bias: folded.bias, inputs: bound)
                units.append(DiscreteTernaryRNN.Unit(weights: row.map { $0 * sign }, threshold: threshold))
            }
        }
        let readoutWeights = ternaryReadoutWeights, s = readoutScale[0]
        let levels = (0..<classCount).map { c in
            let row = readoutWeights[c * h ..< (c + 1) * h]
            // The score adds the least value of every term (hi per −1 weight, −lo per +1 weight).
            let negatives = row.reduce(0) { $0 + ($1 < 0 ? range.upperBound : $1 > 0 ? -range.lowerBound : 0) }
            let sum = Float(row.reduce(0) { $0 + Int($1) })
            // The same rounding, in the same arithmetic, as `prepare()`'s effective bias.
            let rounded = Double(signed ? ((readoutBias[c] / s - sum) / 2).rounded() : (readoutBias[c] / s).rounded())
            return rounded.isFinite ? Int(max(-1e9, min(1e9, rounded))) - negatives : Int.min
        }
        guard let lowest = levels.min(), lowest != Int.min else {
            throw DiscreteTernaryRNN.Invalid(description: "the readout bias is not finite")
        }
        let offsets = levels.map { Int32(clamping: $0 - lowest) }
        let model = try DiscreteTernaryRNN(stateBits: h, codeBits: e, code: bytes, update: Array(units[0..<h]),
                                           candidate: Array(units[h..<2 * h]), readout: readoutWeights, offsets: offsets,
                                           classBytes: classBytes, activationBits: k, codeWeight: codeWeight)
        return (model, ReadoutParameters(temperature: 1 / (signed ? 2 * Double(s) : Double(s)), epsilon: Double(configuration.epsilon)))
    }
}
