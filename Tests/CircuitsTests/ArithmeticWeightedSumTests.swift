import Circuits
import GateLMSupport
import Testing

@Suite struct ArithmeticWeightedSumTests {
    /// Random weights in −9…9 over 7 inputs: the circuit's `sum − offset` equals Σ w·x on all 128 assignments.
    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func equalsTheIntegerSumOnEveryAssignment(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let weights = (0..<7).map { _ in Int(rng.next() % 19) - 9 }
        var builder = AIGBuilder()
        let inputs = builder.addInputs(7)
        let (sum, offset) = builder.weightedSum(inputs: inputs, weights: weights)
        for bit in sum { builder.addOutput(bit) }
        let aig = builder.build()
        #expect(offset == weights.filter { $0 < 0 }.reduce(0) { $0 - $1 })
        var checked = 0
        for assignment in 0..<128 {
            let values = aig.evaluate((0..<7).map { assignment >> $0 & 1 == 1 })
            let value = values.enumerated().reduce(0) { $0 + ($1.element ? 1 << $1.offset : 0) }
            let expected = (0..<7).reduce(0) { $0 + (assignment >> $1 & 1 == 1 ? weights[$1] : 0) }
            #expect(value - offset == expected, "weights \(weights), assignment \(assignment)")
            checked += 1
        }
        #expect(checked == 128)
    }
}
