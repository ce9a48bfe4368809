import Testing
import Learning

@Suite struct GateRelaxationTests {
    @Test func collapseOfOneHotLogitsGivesThatFunctionsCoefficients() {
        for f in GateFunction.allCases {
            // One group of 16 gates, all set to f: logits[function * 16 + gate].
            let logits = (0..<256).map { $0 / 16 == Int(f.rawValue) ? Float(40) : -40 }
            var probabilities = [Float](repeating: 0, count: 256), coefficients = [Float](repeating: 0, count: 64)
            GateRelaxation.collapse(logits: logits, probabilities: &probabilities, coefficients: &coefficients,
                                    gateStride: 16, groups: 0..<1)
            for j in 0..<4 { #expect((0..<16).allSatisfy { abs(coefficients[j * 16 + $0] - f.coefficients[j]) < 1e-6 }) }
        }
    }

    @Test func collapseIsTheSoftmaxMixture() {
        var random = TestRandom(seed: 3)
        // Two groups of 16 gates, stride 32.
        let logits = random.normal(16 * 32, deviation: 2)
        var probabilities = [Float](repeating: 0, count: 16 * 32), coefficients = [Float](repeating: 0, count: 4 * 32)
        GateRelaxation.collapse(logits: logits, probabilities: &probabilities, coefficients: &coefficients,
                                gateStride: 32, groups: 0..<2)
        for gate in [0, 5, 16, 31] {
            let p = Reference.softmax((0..<16).map { Double(logits[$0 * 32 + gate]) }[...])
            for f in 0..<16 { #expect(abs(Double(probabilities[f * 32 + gate]) - p[f]) < 1e-6) }
            for (a, b) in [(0.2, 0.9), (0.6, 0.4)] {
                let mixture = (0..<16).reduce(0.0) { $0 + p[$1] * Reference.relaxed($1, a, b) }
                let c = (0..<4).map { Double(coefficients[$0 * 32 + gate]) }
                #expect(abs(c[0] + c[1] * a + c[2] * b + c[3] * a * b - mixture) < 1e-6)
            }
        }
    }

    @Test func backwardMatchesFiniteDifferences() {
        var random = TestRandom(seed: 4)
        // Gate 3 of a group of 16 (the other lanes carry the same values; only gate 3 is checked).
        let gateLogits = random.normal(16, deviation: 1.5)
        let dc = random.normal(4)
        let logits = (0..<256).map { gateLogits[$0 / 16] }
        var probabilities = [Float](repeating: 0, count: 256), coefficients = [Float](repeating: 0, count: 64)
        GateRelaxation.collapse(logits: logits, probabilities: &probabilities, coefficients: &coefficients,
                                gateStride: 16, groups: 0..<1)
        var dLogits = [Float](repeating: 0, count: 256)
        GateRelaxation.backward(probabilities: probabilities, coefficientGradient: (0..<64).map { dc[$0 / 16] },
                                logitGradient: &dLogits, gateStride: 16, groups: 0..<1)
        // L = Σ_j dc_j · c_j(logits), c_j = Σ_f softmax_f · table[f][j].
        let numerical = Reference.numericalGradient(of: gateLogits.map(Double.init)) { z in
            let p = Reference.softmax(z[...])
            return (0..<16).reduce(0.0) { sum, f in
                sum + p[f] * (0..<4).reduce(0.0) { $0 + Double(dc[$1]) * Double(GateFunction.coefficientTable[f][$1]) }
            }
        }
        #expect(Reference.maxRelativeError((0..<16).map { dLogits[$0 * 16 + 3] }, numerical) < 1e-4)
    }
}
