/// Joint L2-norm clipping of a model's gradients, shared by the trainers.
public enum GradientClipping {
    /// Scales every gradient so their joint L2 norm is at most `maximum`; returns the norm before.
    @discardableResult
    public static func clip(_ gradients: [AlignedBuffer<Float>], to maximum: Float) -> Float {
        var sum: Double = 0
        for gradient in gradients {
            for i in 0..<gradient.count { sum += Double(gradient.baseAddress[i] * gradient.baseAddress[i]) }
        }
        let norm = Float(sum.squareRoot())
        if norm > maximum && norm.isFinite {
            let factor = maximum / norm
            for gradient in gradients { for i in 0..<gradient.count { gradient.baseAddress[i] *= factor } }
        }
        return norm
    }
}
