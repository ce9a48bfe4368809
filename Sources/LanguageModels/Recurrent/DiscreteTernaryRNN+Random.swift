import Circuits
import Learning

extension DiscreteTernaryRNN {
    /// A random state machine for tests: each weight is 0 with probability `zeroFraction`, else
    /// ±1; thresholds sit within the typical spread of each unit's sum so gates fire on some inputs only.
    public static func random(seed: UInt64, stateBits: Int, codeBits: Int, classes: [UInt8],
                              zeroFraction: Double = 0.6, activationBits: Int = 1, codeWeight: Int = 1) -> DiscreteTernaryRNN {
        var rng = SplitMix64(seed: seed)
        func weight() -> Int8 {
            let u = Double(rng.next() >> 11) / Double(1 << 53)
            return u < zeroFraction ? 0 : (rng.next() & 1 == 0 ? 1 : -1)
        }
        // A state unit's values spread over about 2ᵏ⁻¹ (1 at k = 1).
        let magnitude = TernaryRNNConfiguration.largestStateMagnitude(activationBits: activationBits)
        func unit(levels: Int = 1) -> Unit {
            let weights = (0..<stateBits + codeBits).map { _ in weight() }
            let active = weights.reduce(0) { $0 + Int($1 == 0 ? 0 : 1) }
            // A sum of `active` random ±1 terms over random values spreads about ±√active·magnitude / 2.
            let spread = max(1, Int(Double(active).squareRoot() * Double(magnitude) / 2))
            let thresholds = (0..<levels).map { _ in Int32(Int(rng.next() % UInt64(2 * spread + 1)) - spread) }.sorted()
            return Unit(weights: weights, thresholds: thresholds)
        }
        let mask: UInt64 = codeBits == 64 ? ~0 : (1 << UInt64(codeBits)) - 1
        let code = (0..<256).map { _ in rng.next() & mask }
        let update = (0..<stateBits).map { _ in unit() }
        let candidate = (0..<stateBits).map { _ in unit(levels: activationBits == 1 ? 1 : (1 << activationBits) - 1) }
        let readout = (0..<classes.count * stateBits).map { _ in weight() }
        let offsets = classes.map { _ in Int32(rng.next() % 5) }
        do {
            return try DiscreteTernaryRNN(stateBits: stateBits, codeBits: codeBits, code: code, update: update, candidate: candidate,
                                          readout: readout, offsets: offsets, classBytes: classes.sorted(), activationBits: activationBits,
                                          codeWeight: codeWeight)
        } catch {
            preconditionFailure("a random model is valid by construction: \(error)")
        }
    }
}
