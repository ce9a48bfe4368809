/// The softmax mixture of the 16 gate functions, collapsed to four
/// coefficients per gate, and its backward pass.
///
/// Layouts: logits and probabilities `[gate * 16 + function]`,
/// coefficients and their gradients `[gate * 4 + j]` for c0…c3.
public enum GateRelaxation {
    /// Column j of the coefficient table: c_j of every function, as one vector.
    static let coefficientColumns: (SIMD16<Float>, SIMD16<Float>, SIMD16<Float>, SIMD16<Float>) = {
        var columns = [SIMD16<Float>](repeating: .zero, count: 4)
        for f in 0..<16 {
            for j in 0..<4 { columns[j][f] = GateFunction.coefficientTable[f][j] }
        }
        return (columns[0], columns[1], columns[2], columns[3])
    }()

    /// For gates `gates`: p = softmax(logits), c_j = Σ_f p_f · c_j(f).
    public static func collapse(
        logits: UnsafePointer<Float>, probabilities: UnsafeMutablePointer<Float>,
        coefficients: UnsafeMutablePointer<Float>, gates: Range<Int>
    ) {
        let columns = coefficientColumns
        for gate in gates {
            let z = UnsafeRawPointer(logits + gate * 16).loadUnaligned(as: SIMD16<Float>.self)
            let e = vectorExp(z - SIMD16(repeating: laneMax(z)))
            let p = e / SIMD16(repeating: treeSum(e))
            UnsafeMutableRawPointer(probabilities + gate * 16).storeBytes(of: p, as: SIMD16<Float>.self)
            let c = coefficients + gate * 4
            c[0] = treeSum(p * columns.0)
            c[1] = treeSum(p * columns.1)
            c[2] = treeSum(p * columns.2)
            c[3] = treeSum(p * columns.3)
        }
    }

    /// For gates `gates`: dLogits from dCoefficients through the coefficient
    /// table and the softmax Jacobian: dp_f = Σ_j dc_j · c_j(f),
    /// dz_f = p_f · (dp_f − Σ_g p_g · dp_g). Overwrites `logitGradient`.
    public static func backward(
        probabilities: UnsafePointer<Float>, coefficientGradient: UnsafePointer<Float>,
        logitGradient: UnsafeMutablePointer<Float>, gates: Range<Int>
    ) {
        let columns = coefficientColumns
        for gate in gates {
            let p = UnsafeRawPointer(probabilities + gate * 16).loadUnaligned(as: SIMD16<Float>.self)
            let dc = coefficientGradient + gate * 4
            var dp = columns.0 * dc[0]
            dp = dp.addingProduct(columns.1, SIMD16(repeating: dc[1]))
            dp = dp.addingProduct(columns.2, SIMD16(repeating: dc[2]))
            dp = dp.addingProduct(columns.3, SIMD16(repeating: dc[3]))
            let dz = p * (dp - SIMD16(repeating: treeSum(p * dp)))
            UnsafeMutableRawPointer(logitGradient + gate * 16).storeBytes(of: dz, as: SIMD16<Float>.self)
        }
    }
}
