/// GateLM's readout: a model's next-byte distribution is its softmax over the classes it
/// predicts, mixed with ε of uniform probability over all 256 byte values,
/// `q = (1 − ε)·p + ε/256`, so no byte costs more than `log2(256/ε)` bits (bytes outside the
/// classes included, whose p is 0). The one definition every family and scorer uses.
public enum ReadoutMixture {
    public static func probability(_ p: Double, epsilon: Double) -> Double {
        (1 - epsilon) * p + epsilon / 256
    }
}
