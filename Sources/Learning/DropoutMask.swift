import GateLMSupport

/// Inverted-dropout masks, shared by the trainers.
public enum DropoutMask {
    /// Fills `keep[0..<count]` with 0 (probability p) or 1/(1 − p), four 16-bit draws per 64-bit number.
    public static func fill(_ keep: UnsafeMutablePointer<Float>, count: Int, dropout p: Float, rng: inout SplitMix64) {
        let kept = 1 / (1 - p), limit = UInt64((Double(p) * 65536).rounded())
        var i = 0
        while i < count {
            var bits = rng.next()
            for _ in 0..<4 where i < count {
                keep[i] = bits & 0xFFFF < limit ? 0 : kept
                bits >>= 16
                i += 1
            }
        }
    }
}
