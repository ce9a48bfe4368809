import Testing
import Learning

@Suite struct GateRelaxationTests {
    @Test func collapseOfOneHotLogitsGivesThatFunctionsCoefficients() {
        for f in GateFunction.allCases {
            var logits = [Float](repeating: -40, count: 16)
            logits[Int(f.rawValue)] = 40
            var probabilities = [Float](repeating: 0, count: 16), coefficients = [Float](repeating: 0, count: 4)
            GateRelaxation.collapse(logits: logits, probabilities: &probabilities, coefficients: &coefficients, gates: 0..<1)
            for j in 0..<4 { #expect(abs(coefficients[j] - f.coefficients[j]) < 1e-6) }
        }
    }

    @Test func collapseIsTheSoftmaxMixture() {
        var random = TestRandom(seed: 3)
        let logits = random.normal(32, deviation: 2)
        var probabilities = [Float](repeating: 0, count: 32), coefficients = [Float](repeating: 0, count: 8)
        GateRelaxation.collapse(logits: logits, probabilities: &probabilities, coefficients: &coefficients, gates: 0..<2)
        for gate in 0..<2 {
            let p = Reference.softmax(logits[gate * 16 ..< gate * 16 + 16].map(Double.init)[...])
            for f in 0..<16 { #expect(abs(Double(probabilities[gate * 16 + f]) - p[f]) < 1e-6) }
            for (a, b) in [(0.2, 0.9), (0.6, 0.4)] {
                let mixture = (0..<16).reduce(0.0) { $0 + p[$1] * Reference.relaxed($1, a, b) }
                let c = (0..<4).map { Double(coefficients[gate * 4 + $0]) }
                #expect(abs(c[0] + c[1] * a + c[2] * b + c[3] * a * b - mixture) < 1e-6)
            }
        }
    }

    @Test func backwardMatchesFiniteDifferences() {
        var random = TestRandom(seed: 4)
        let logits = random.normal(16, deviation: 1.5)
        let dc = random.normal(4)
        var probabilities = [Float](repeating: 0, count: 16), coefficients = [Float](repeating: 0, count: 4)
        GateRelaxation.collapse(logits: logits, probabilities: &probabilities, coefficients: &coefficients, gates: 0..<1)
        var dLogits = [Float](repeating: 0, count: 16)
        GateRelaxation.backward(probabilities: probabilities, coefficientGradient: dc, logitGradient: &dLogits, gates: 0..<1)
        // L = Σ_j dc_j · c_j(logits), c_j = Σ_f softmax_f · table[f][j].
        let numerical = Reference.numericalGradient(of: logits.map(Double.init)) { z in
            let p = Reference.softmax(z[...])
            return (0..<16).reduce(0.0) { sum, f in
                sum + p[f] * (0..<4).reduce(0.0) { $0 + Double(dc[$1]) * Double(GateFunction.coefficientTable[f][$1]) }
            }
        }
        #expect(Reference.maxRelativeError(dLogits, numerical) < 1e-4)
    }
}
