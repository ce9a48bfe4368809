/// The softmax mixture of the 16 gate functions, collapsed to four
/// coefficients per gate, and its backward pass.
///
/// Per-gate tensors are component-major with a gate stride padded to a
/// multiple of 16, so 16 gates are one vector: logits and probabilities
/// `[function * gateStride + gate]`, coefficients and their gradients
/// `[j * gateStride + gate]` for c0…c3. Kernels work on groups of 16 gates.
public enum GateRelaxation {
    /// For the gate groups `groups` (gates 16·group ..< 16·group + 16):
    /// p = softmax(logits), c_j = Σ_f p_f · c_j(f).
    public static func collapse(
        logits: UnsafePointer<Float>, probabilities: UnsafeMutablePointer<Float>,
        coefficients: UnsafeMutablePointer<Float>, gateStride: Int, groups: Range<Int>
    ) {
        let table = GateFunction.coefficientTable
        for group in groups {
            let gate = group * 16
            @inline(__always) func logit(_ f: Int) -> SIMD16<Float> {
                UnsafeRawPointer(logits + f * gateStride + gate).loadUnaligned(as: SIMD16<Float>.self)
            }
            var maximum = logit(0)
            for f in 1..<16 {
                let z = logit(f)
                maximum.replace(with: z, where: z .> maximum)
            }
            var total = SIMD16<Float>()
            for f in 0..<16 {
                let e = vectorExp(logit(f) - maximum)
                total += e
                UnsafeMutableRawPointer(probabilities + f * gateStride + gate).storeBytes(of: e, as: SIMD16<Float>.self)
            }
            let inverse = 1 / total
            var c0 = SIMD16<Float>(), c1 = SIMD16<Float>(), c2 = SIMD16<Float>(), c3 = SIMD16<Float>()
            for f in 0..<16 {
                let address = UnsafeMutableRawPointer(probabilities + f * gateStride + gate)
                let p = address.load(as: SIMD16<Float>.self) * inverse
                address.storeBytes(of: p, as: SIMD16<Float>.self)
                let row = table[f]
                c0 = c0.addingProduct(p, row[0])
                c1 = c1.addingProduct(p, row[1])
                c2 = c2.addingProduct(p, row[2])
                c3 = c3.addingProduct(p, row[3])
            }
            @inline(__always) func store(_ c: SIMD16<Float>, _ j: Int) {
                UnsafeMutableRawPointer(coefficients + j * gateStride + gate).storeBytes(of: c, as: SIMD16<Float>.self)
            }
            store(c0, 0)
            store(c1, 1)
            store(c2, 2)
            store(c3, 3)
        }
    }

    /// For the gate groups `groups`: dLogits from dCoefficients through the
    /// coefficient table and the softmax Jacobian: dp_f = Σ_j dc_j · c_j(f),
    /// dz_f = p_f · (dp_f − Σ_g p_g · dp_g). Overwrites `logitGradient`.
    public static func backward(
        probabilities: UnsafePointer<Float>, coefficientGradient: UnsafePointer<Float>,
        logitGradient: UnsafeMutablePointer<Float>, gateStride: Int, groups: Range<Int>
    ) {
        let table = GateFunction.coefficientTable
        for group in groups {
            let gate = group * 16
            @inline(__always) func load(_ base: UnsafePointer<Float>, _ row: Int) -> SIMD16<Float> {
                UnsafeRawPointer(base + row * gateStride + gate).loadUnaligned(as: SIMD16<Float>.self)
            }
            let dc0 = load(coefficientGradient, 0), dc1 = load(coefficientGradient, 1)
            let dc2 = load(coefficientGradient, 2), dc3 = load(coefficientGradient, 3)
            @inline(__always) func dp(_ f: Int) -> SIMD16<Float> {
                let row = table[f]
                return (dc0 * row[0]).addingProduct(dc1, row[1]).addingProduct(dc2, row[2]).addingProduct(dc3, row[3])
            }
            var mean = SIMD16<Float>()
            for f in 0..<16 { mean = mean.addingProduct(load(probabilities, f), dp(f)) }
            for f in 0..<16 {
                let dz = load(probabilities, f) * (dp(f) - mean)
                UnsafeMutableRawPointer(logitGradient + f * gateStride + gate).storeBytes(of: dz, as: SIMD16<Float>.self)
            }
        }
    }
}
