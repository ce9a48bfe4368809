import Learning

/// Folding a trained `IntegerWindowNetwork` into its integer model.
extension IntegerWindowNetwork {
    /// The hash of each table, drawn from the configuration's seed (the trainer and the circuit use the same).
    public var hashes: [ContextHash] {
        configuration.hashedOrders.map { ContextHash.seeded(order: $0, bits: configuration.hashedRowBits, seed: configuration.seed) }
    }

    /// The integer model whose every forward pass equals this model's straight-through one
    /// (up to float rounding at exact ties), and the readout that turns its scores into the same
    /// probabilities. With L = 2ᵏ − 1 and σ the row's 1/√nnz:
    /// - code and table levels are `inputLevel` of their shadows;
    /// - the first layer saw u = (2j − L)/L, so g·σ·Σ t·u + b = (2gσ/L)·Σ t·j + (b − gσ·Σ t);
    ///   later layers saw y = j/L, so g·σ·Σ t·y + b = (gσ/L)·Σ t·j + b;
    /// - the unit's level is ≥ m exactly when that is ≥ m − ½ (the forward rounds halves up):
    ///   one `ThresholdFolding` per level m = 1 … L, all with the gain's sign (a negative gain
    ///   negates the weights and the thresholds stay increasing);
    /// - the logit is (s/L)·(Σ R̂·j + q·L/s): class c's score is Σ R̂·j + shift_c + offset_c with
    ///   offset_c = round(q_c·L/s) − shift_c − (the least of those), τ = L/s.
    public func discrete(classBytes: [UInt8]) throws(DiscreteIntegerWindow.Invalid) -> (model: DiscreteIntegerWindow, readout: ReadoutParameters) {
        guard relaxation == .straightThrough else {
            throw DiscreteIntegerWindow.Invalid(description: "only a straight-through model folds into an integer circuit")
        }
        prepare()
        let c = configuration, L = largestLevel, levels = Float(L), E = c.codeWidth, R = tableRows
        let codeLevels = code.array.map { UInt8(Self.inputLevel($0, largestLevel: L)) }
        let shadows = tables.array
        let tables = hashes.enumerated().map { t, hash in
            DiscreteIntegerWindow.Table(hash: hash, levels: shadows[t * R * E ..< (t + 1) * R * E].map { UInt8(Self.inputLevel($0, largestLevel: L)) })
        }
        var folded = [[DiscreteIntegerWindow.Unit]]()
        for (l, layer) in layers.enumerated() {
            let ternary = layer.ternaryWeights, scales = layer.rowScales, bound = layer.inputs * L
            var units = [DiscreteIntegerWindow.Unit]()
            units.reserveCapacity(layer.units)
            for r in 0..<layer.units {
                let row = ternary[r * layer.inputs ..< (r + 1) * layer.inputs]
                let g = layer.gain[r] * scales[r], b = layer.bias[r]
                let affine = l == 0 ? (gain: 2 * g / levels, bias: b - g * Float(row.reduce(0) { $0 + Int($1) })) : (gain: g / levels, bias: b)
                guard affine.gain.isFinite && affine.bias.isFinite else {
                    throw DiscreteIntegerWindow.Invalid(description: "layer \(l + 1) unit \(r): its folded gain \(affine.gain) and bias \(affine.bias) are not finite "
                                                        + "(tensor 'L\(l + 1).gain' element \(r) is \(layer.gain[r]), 'L\(l + 1).bias' element \(r) is \(layer.bias[r]))")
                }
                let folds = (1...L).map { m in ThresholdFolding.fold(gain: affine.gain, bias: affine.bias - (Float(m) - 0.5), inputs: bound) }
                let sign = folds[0].sign
                units.append(.init(weights: row.map { $0 * sign }, thresholds: folds.map(\.threshold)))
            }
            folded.append(units)
        }
        let readoutWeights = ternaryReadoutWeights, u = lastWidth, step = readoutScale[0] / levels
        let targets = (0..<classCount).map { k in
            let shift = readoutWeights[k * u ..< (k + 1) * u].reduce(0) { $0 + ($1 < 0 ? L : 0) }
            // The same rounding, in the same arithmetic, as `prepare()`'s effective bias.
            let rounded = Double((readoutBias[k] / step).rounded())
            return rounded.isFinite ? Int(max(-1e9, min(1e9, rounded))) - shift : Int.min
        }
        guard let lowest = targets.min(), lowest != Int.min else { throw DiscreteIntegerWindow.Invalid(description: "the readout bias is not finite") }
        let model = try DiscreteIntegerWindow(contextLength: c.contextLength, codeWidth: E, activationBits: c.activationBits, code: codeLevels,
                                              tables: tables, layers: folded, readout: readoutWeights,
                                              offsets: targets.map { Int32(clamping: $0 - lowest) }, classBytes: classBytes)
        return (model, ReadoutParameters(temperature: Double(levels) / Double(readoutScale[0]), epsilon: Double(c.epsilon)))
    }
}
