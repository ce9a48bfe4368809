import Learning
import Testing

@Suite struct TernaryQuantizerTests {
    @Test func weightsBeyondDeltaKeepTheirSignAndTheRestAreZero() {
        // mean|w| = 1, Δ = 0.7.
        let row: [Float] = [0.41, -0.69, 0.71, -2.5, 1.69, 0.0]
        #expect(TernaryQuantizer().quantize(row: row) == [0, 0, 1, -1, 1, 0])
        // The sparsity knob: a larger Δ factor keeps only the largest weights.
        #expect(TernaryQuantizer(deltaFactor: 2).quantize(row: row) == [0, 0, 0, -1, 0, 0])
        #expect(TernaryQuantizer(deltaFactor: 0).quantize(row: row) == [1, -1, 1, -1, 1, 0])
    }

    @Test func rowsAreQuantisedWithTheirOwnDelta() {
        let weights: [Float] = [10, 1, -1, 0, /* row 2 */ 0.1, 0.01, -0.1, 0]
        var out = [Int8](repeating: 9, count: 8)
        let nonzero = weights.withUnsafeBufferPointer { w in
            out.withUnsafeMutableBufferPointer { TernaryQuantizer().quantize(w.baseAddress!, rows: 2, columns: 4, into: $0.baseAddress!) }
        }
        // Row 1: Δ = 0.7·3 = 2.1; row 2: Δ = 0.7·0.0525 ≈ 0.037.
        #expect(out == [1, 0, 0, 0, 1, 0, -1, 0])
        #expect(nonzero == [1, 2])
    }

    /// The folded integer unit fires exactly when the float unit does, on every integer sum.
    @Test(arguments: [(Float(0.5), Float(1.3)), (-0.25, 0.6), (2, -3), (-1.5, -4.5), (0.3, 0), (0, 0.2), (0, -0.2)])
    func foldedThresholdAgreesWithTheFloatUnit(gain: Float, bias: Float) {
        let inputs = 20
        let (sign, threshold) = ThresholdFolding.fold(gain: gain, bias: bias, inputs: inputs)
        for s in -inputs...inputs {
            let fires = gain * Float(s) + bias >= 0
            #expect((Int32(sign) * Int32(s) >= threshold) == fires, "s = \(s)")
        }
    }
}
