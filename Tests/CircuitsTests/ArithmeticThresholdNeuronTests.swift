import Testing
import Circuits

@Suite struct ArithmeticThresholdNeuronTests {
    /// Builds one neuron per threshold in −n−1…n+1 over the same weights and
    /// checks them all on every input.
    static func mismatch(weights: [Int8]) -> String? {
        let n = weights.count
        let thresholds = Array(-n - 1...n + 1)
        return ExhaustiveCheck.firstMismatch(inputWidths: Array(repeating: 1, count: n)) { b, v in
            let inputs = v.map { $0[0] }
            return [thresholds.map { b.thresholdNeuron(inputs: inputs, weights: weights, threshold: $0) }]
        } reference: { x in
            let total = zip(weights, x).reduce(0) { $0 + Int($1.0) * $1.1 }
            return [thresholds.enumerated().reduce(0) { $0 | (total >= $1.element ? 1 << $1.offset : 0) }]
        }
    }

    static func allWeightVectors(count: Int) -> [[Int8]] {
        (0..<count).reduce([[]]) { vectors, _ in vectors.flatMap { v in [v + [-1], v + [0], v + [1]] } }
    }

    @Test(arguments: 0...5)
    func everyWeightVectorAndThresholdMatchesIntegers(_ n: Int) {
        for weights in Self.allWeightVectors(count: n) {
            #expect(Self.mismatch(weights: weights) == nil, "weights \(weights)")
        }
    }

    @Test(arguments: 6...8)
    func randomWeightVectorsMatchIntegers(_ n: Int) {
        var rng = SplitMix64(seed: UInt64(n))
        for _ in 0..<12 {
            let weights = (0..<n).map { _ in Int8(Int(rng.next() % 3) - 1) }
            #expect(Self.mismatch(weights: weights) == nil, "weights \(weights)")
        }
    }

    @Test func unreachableAndCertainThresholdsAreConstants() {
        var b = AIGBuilder()
        let x = b.addInputs(4)
        let weights: [Int8] = [1, -1, 0, 1]
        #expect(b.thresholdNeuron(inputs: x, weights: weights, threshold: Int.max) == .false)
        #expect(b.thresholdNeuron(inputs: x, weights: weights, threshold: 3) == .false)
        #expect(b.thresholdNeuron(inputs: x, weights: weights, threshold: -1) == .true)
        #expect(b.thresholdNeuron(inputs: x, weights: weights, threshold: Int.min) == .true)
        #expect(b.thresholdNeuron(inputs: x, weights: [0, 0, 0, 0], threshold: 0) == .true)
        #expect(b.andCount == 0)
    }

    @Test func extremeThresholdsAreAPlainOrAndAnd() {
        var b = AIGBuilder()
        let x = b.addInputs(5)
        let weights: [Int8] = [1, 1, -1, 1, 0]
        #expect(b.thresholdNeuron(inputs: x, weights: weights, threshold: 3) == b.and([x[0], x[1], !x[2], x[3]].sorted()))
        #expect(b.thresholdNeuron(inputs: x, weights: weights, threshold: 0) == b.or([x[0], x[1], !x[2], x[3]].sorted()))
        #expect(b.andCount == 6)
    }

    @Test func neuronsOnTheSameWeightsShareOnePopcount() {
        var b = AIGBuilder()
        let x = b.addInputs(12)
        let weights: [Int8] = [1, -1, 1, 1, 0, -1, 1, 1, -1, 1, 1, 0]
        _ = b.thresholdNeuron(inputs: x, weights: weights, threshold: 2)
        let count = b.andCount
        _ = b.thresholdNeuron(inputs: x, weights: weights, threshold: 3)
        #expect(b.andCount <= count + 4) // one more comparison on the 4-bit count
        _ = b.thresholdNeuron(inputs: x.reversed(), weights: weights.reversed(), threshold: 2)
        #expect(b.andCount <= count + 4) // input order does not matter
    }
}
