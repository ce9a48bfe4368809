import GateLMSupport
import Foundation

/// Gumbel noise on the gate choice (Yousefi et al., "Mind the Gap", NeurIPS 2025): each
/// `updateCoefficients()` perturbs every gate's 16 logits by `gumbelScale · g`, g ~ Gumbel(0, 1)
/// drawn afresh, and relaxes (or, straight through, picks the argmax of) the perturbed logits.
/// Training then sees gate choices that flip where the logits are close, which pushes them
/// apart: the relaxed model is pulled toward its discretisation.
extension GateLayer {
    /// Quantiles of Gumbel(0, 1) at (i + ½)/65536: a draw is one entry picked by 16 random bits.
    static let gumbelQuantiles: [Float] = (0..<65_536).map { i in
        let u = (Double(i) + 0.5) / 65_536
        return Float(-log(-log(u)))
    }

    /// `noisyLogits` ← logits + gumbelScale · Gumbel noise (padding gates included; they are never read).
    func drawNoisyLogits() {
        let noisy = noisyLogits!, count = logits.count, scale = gumbelScale
        Self.gumbelQuantiles.withUnsafeBufferPointer { quantiles in
            var i = 0
            while i < count {
                var bits = gumbelRandom.next()
                for _ in 0..<4 where i < count {
                    noisy[i] = logits[i] + scale * quantiles[Int(bits & 0xFFFF)]
                    bits >>= 16
                    i += 1
                }
            }
        }
    }
}
