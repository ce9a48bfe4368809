import Testing
import Circuits

@Suite struct ArithmeticPopcountTests {
    @Test(arguments: 0...12)
    func popcountCountsTrueBits(_ n: Int) {
        let mismatch = ExhaustiveCheck.firstMismatch(inputWidths: Array(repeating: 1, count: n)) { b, v in
            let count = b.popcount(v.map { $0[0] })
            #expect(count.count == BitVector.bitWidth(representing: n))
            return [count]
        } reference: { x in [x.reduce(0, +)] }
        #expect(mismatch == nil)
    }

    @Test func popcountOfComplementedAndConstantBits() {
        let mismatch = ExhaustiveCheck.firstMismatch(inputWidths: [1, 1, 1, 1]) { b, v in
            let bits = [!v[0][0], v[1][0], .true, !v[2][0], .false, v[3][0], v[0][0]]
            let count = b.popcount(bits)
            #expect(count.count == 3)
            return [count]
        } reference: { x in [(1 - x[0]) + x[1] + 1 + (1 - x[2]) + x[3] + x[0]] }
        #expect(mismatch == nil)
    }

    @Test func sevenBitsTakeFourFullAdders() {
        var b = AIGBuilder()
        let bits = b.addInputs(7)
        _ = b.popcount(bits)
        #expect(b.andCount == 4 * 7)
    }

    @Test func countingTheSameBitsAgainInAnyOrderAddsNoNodes() {
        var b = AIGBuilder()
        let bits = b.addInputs(11)
        let count = b.popcount(bits)
        let size = b.andCount
        #expect(b.popcount(bits) == count)
        #expect(b.popcount(bits.reversed()) == count)
        #expect(b.andCount == size)
    }

    @Test func popcountGrowsLinearly() {
        var b = AIGBuilder()
        _ = b.popcount(b.addInputs(64))
        // 57 full adders (7 ANDs) and a few half adders (3 ANDs) for 64 bits.
        #expect(b.andCount <= 420)
    }
}
