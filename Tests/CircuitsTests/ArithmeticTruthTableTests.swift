import Circuits
import Testing

@Suite struct ArithmeticTruthTableTests {
    /// Evaluates the single-output circuit on every assignment.
    private func table(of aig: AIG) -> [Bool] {
        (0..<(1 << aig.inputCount)).map { m in aig.evaluate((0..<aig.inputCount).map { m >> $0 & 1 == 1 })[0] }
    }

    @Test(arguments: 0..<40)
    func randomTablesOverEightInputsAreReproduced(_ seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed))
        // Mix dense random tables with sparse ones (few true entries), as embedding bits are.
        let density = [2, 8, 64][seed % 3]
        let bits = (0..<256).map { _ in rng.next() % UInt64(density) == 0 }
        var b = AIGBuilder()
        let x = b.addInputs(8)
        b.addOutput(b.truthTable(bits, inputs: x))
        #expect(table(of: b.build()) == bits)
    }

    @Test func constantsAndProjectionsNeedNoGates() {
        var b = AIGBuilder()
        let x = b.addInputs(3)
        #expect(b.truthTable(Array(repeating: true, count: 8), inputs: x) == .true)
        #expect(b.truthTable(Array(repeating: false, count: 8), inputs: x) == .false)
        // Table of x1: entry m is bit 1 of m.
        #expect(b.truthTable((0..<8).map { $0 >> 1 & 1 == 1 }, inputs: x) == x[1])
        #expect(b.andCount == 0)
    }

    @Test func equalTablesShareTheirLogic() {
        var rng = SplitMix64(seed: 9)
        let bits = (0..<256).map { _ in rng.next() & 1 == 1 }
        var b = AIGBuilder()
        let x = b.addInputs(8)
        let first = b.truthTable(bits, inputs: x)
        let size = b.andCount
        #expect(b.truthTable(bits, inputs: x) == first)
        #expect(b.andCount == size)
        // An 8-input function never needs more than a full mux tree (255 muxes of 3 ANDs).
        #expect(size <= 255 * 3)
    }
}
