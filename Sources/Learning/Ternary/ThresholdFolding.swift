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
