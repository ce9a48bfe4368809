/// Ternarisation of float shadow weights, row by row (TWN, Li et al. 2016): a weight becomes
/// sign(w) when |w| > Δ and 0 otherwise, with Δ = `deltaFactor`·mean|w| over its row.
/// `deltaFactor` is the sparsity knob: 0.7 is TWN's choice; larger values give more zeros.
public struct TernaryQuantizer: Sendable, Hashable {
    public var deltaFactor: Float

    public init(deltaFactor: Float = 0.7) {
        precondition(deltaFactor.isFinite && deltaFactor >= 0, "Δ factor must be finite and ≥ 0")
        self.deltaFactor = deltaFactor
    }

    /// The ternary values of `rows` rows of `columns` floats each, row-major; returns the count
    /// of non-zero weights in each row.
    @discardableResult
    public func quantize(_ weights: UnsafePointer<Float>, rows: Int, columns: Int,
                         into ternary: UnsafeMutablePointer<Int8>) -> [Int] {
        var nonzero = [Int](repeating: 0, count: rows)
        for r in 0..<rows {
            let row = weights + r * columns, out = ternary + r * columns
            var sum: Float = 0
            for j in 0..<columns { sum += abs(row[j]) }
            let delta = deltaFactor * sum / Float(max(columns, 1))
            var count = 0
            for j in 0..<columns {
                let w = row[j]
                let t: Int8 = w > delta ? 1 : (w < -delta ? -1 : 0)
                out[j] = t
                count += t == 0 ? 0 : 1
            }
            nonzero[r] = count
        }
        return nonzero
    }

    /// The ternary values of one row.
    public func quantize(row: [Float]) -> [Int8] {
        var out = [Int8](repeating: 0, count: row.count)
        row.withUnsafeBufferPointer { w in
            out.withUnsafeMutableBufferPointer { quantize(w.baseAddress!, rows: 1, columns: row.count, into: $0.baseAddress!) }
        }
        return out
    }
}

/// Folding a unit's float affine step into integer form: the unit fires when
/// `gain`·s + `bias` ≥ 0, where s = Σ tⱼ·vⱼ is the integer sum of its ternary weights over binary
/// inputs (the weight normalisation, batch statistics and scales already folded into gain and bias).
public enum ThresholdFolding {
    /// Weights' sign and the integer threshold θ such that the unit fires exactly when
    /// sign·s ≥ θ: for gain > 0, s ≥ −bias/gain; for gain < 0, −s ≥ −bias/|gain|; both as
    /// θ = ⌈−bias/|gain|⌉. A unit with gain 0 is constant: it fires always (θ = −∞, returned as
    /// `−(inputs + 1)`) when bias ≥ 0 and never (θ = `inputs + 1`) otherwise.
    public static func fold(gain: Float, bias: Float, inputs: Int) -> (sign: Int8, threshold: Int32) {
        precondition(gain.isFinite && bias.isFinite, "gain and bias must be finite")
        let limit = Int32(inputs + 1)
        guard gain != 0 else { return (1, bias >= 0 ? -limit : limit) }
        let bound = (-Double(bias) / Double(abs(gain))).rounded(.up)
        let threshold = Int32(max(Double(-limit), min(Double(limit), bound)))
        return (gain > 0 ? 1 : -1, threshold)
    }
}
