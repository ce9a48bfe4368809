import Testing
import Circuits

@Suite struct ArithmeticComparisonTests {
    static let widths = Array(1...6)

    @Test(arguments: widths)
    func comparisonsWithEveryConstantMatchIntegers(_ width: Int) {
        for k in -2...(1 << width) + 1 {
            let mismatch = ExhaustiveCheck.firstMismatch(inputWidths: [width]) { b, v in
                let x = v[0]
                return [[b.greaterThanOrEqual(x, k), b.greaterThan(x, k), b.lessThanOrEqual(x, k),
                         b.lessThan(x, k), b.equal(x, k)]]
            } reference: { x in
                let flags = [x[0] >= k, x[0] > k, x[0] <= k, x[0] < k, x[0] == k]
                return [flags.enumerated().reduce(0) { $0 | ($1.element ? 1 << $1.offset : 0) }]
            }
            #expect(mismatch == nil, "width \(width), constant \(k)")
        }
    }

    @Test(arguments: widths)
    func atLeastAConstantCostsOneAndPerBitAboveItsLowestSetBit(_ width: Int) {
        for k in 1..<(1 << width) {
            var b = AIGBuilder()
            let x = b.addInputs(width)
            _ = b.greaterThanOrEqual(x, k)
            #expect(b.andCount == width - 1 - k.trailingZeroBitCount, "width \(width), constant \(k)")
        }
    }

    @Test func outOfRangeConstantsGiveConstants() {
        var b = AIGBuilder()
        let x = b.addInputs(3)
        #expect(b.greaterThanOrEqual(x, 8) == .false && b.greaterThanOrEqual(x, Int.max) == .false)
        #expect(b.greaterThanOrEqual(x, 0) == .true && b.greaterThan(x, Int.min) == .true)
        #expect(b.equal(x, 8) == .false && b.equal(x, -1) == .false)
        #expect(b.lessThanOrEqual(x, 7) == .true && b.lessThan(x, 0) == .false)
        #expect(b.greaterThan([], 0) == .false && b.equal([], 0) == .true)
        #expect(b.andCount == 0)
    }

    @Test func wideVectorsCompareBeyondSixtyFourBits() {
        var b = AIGBuilder()
        let x = b.addInputs(70)
        #expect(b.greaterThan(Array(x[..<64]), Int.max) == x[63]) // x ≥ 2^63
        b.addOutput(b.greaterThanOrEqual(x, 1 << 62))
        b.addOutput(b.greaterThan(x, (1 << 62) + 5))
        var rng = SplitMix64(seed: 70)
        let words = x.map { _ in rng.next() }
        let outputs = b.build().evaluate(inputs: words)
        let anyHighBit = words[62...].reduce(0, |)
        let highAboveLowest = words[63...].reduce(0, |)
        let lowAboveFive = words[3] | words[1] & words[2] | words[4...61].reduce(0, |)
        #expect(outputs == [anyHighBit, highAboveLowest | words[62] & lowAboveFive])
    }

    static let widthPairs = (1...4).flatMap { a in (1...4).map { b in [a, b] } }

    @Test(arguments: widthPairs)
    func vectorComparisonsMatchIntegers(_ widths: [Int]) {
        let mismatch = ExhaustiveCheck.firstMismatch(inputWidths: widths) { b, v in
            let (x, y) = (v[0], v[1])
            return [[b.greaterThanOrEqual(x, y), b.greaterThan(x, y), b.lessThanOrEqual(x, y),
                     b.lessThan(x, y), b.equal(x, y)]]
        } reference: { x in
            let flags = [x[0] >= x[1], x[0] > x[1], x[0] <= x[1], x[0] < x[1], x[0] == x[1]]
            return [flags.enumerated().reduce(0) { $0 | ($1.element ? 1 << $1.offset : 0) }]
        }
        #expect(mismatch == nil)
    }

    @Test func vectorComparisonIsCompactAndSharesItsChain() {
        var b = AIGBuilder()
        let x = b.addInputs(8), y = b.addInputs(8)
        _ = b.greaterThanOrEqual(x, y)
        #expect(b.andCount <= 4 * 8)
        let count = b.andCount
        _ = b.lessThan(x, y) // the same chain, complemented
        #expect(b.andCount == count)
        _ = b.equal(x, y) // one xnor per bit (3 ANDs) and a 7-AND conjunction
        #expect(b.andCount <= count + 3 * 8 + 7)
    }
}
