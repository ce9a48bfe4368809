import Testing
import Circuits

@Suite struct ArithmeticArgmaxTests {
    static let widthLists: [[Int]] = (1...5).flatMap { k in (1...3).map { w in Array(repeating: w, count: k) } }
        + [[3, 1], [1, 3, 2], [2, 0, 3, 1], [3, 2, 1, 2, 3], [0, 0, 0]]

    @Test(arguments: widthLists)
    func argmaxFindsTheFirstMaximum(_ widths: [Int]) {
        let k = widths.count
        let indexWidth = BitVector.bitWidth(representing: k - 1)
        let mismatch = ExhaustiveCheck.firstMismatch(inputWidths: widths) { b, values in
            let (index, maximum) = b.argmax(values)
            let (oneHot, sameMaximum) = b.argmaxOneHot(values)
            #expect(index.count == indexWidth && maximum.count == widths.max()!)
            #expect(sameMaximum == maximum && oneHot.count == k)
            return [index, maximum, oneHot]
        } reference: { x in
            let best = x.max()!
            let first = x.firstIndex(of: best)!
            return [first, best, 1 << first]
        }
        #expect(mismatch == nil)
    }

    @Test func oneHotReusesTheTournament() {
        var b = AIGBuilder()
        let values = (0..<6).map { _ in b.addInputs(4) }
        _ = b.argmax(values)
        let count = b.andCount
        _ = b.argmax(values)
        #expect(b.andCount == count)
        _ = b.argmaxOneHot(values)
        // Two ANDs per match below the root, nothing else.
        #expect(b.andCount <= count + 2 * (values.count - 2))
    }

    @Test func singleValueIsItsOwnMaximum() {
        var b = AIGBuilder()
        let x = b.addInputs(3)
        let (index, maximum) = b.argmax([x])
        #expect(index.isEmpty && maximum == x)
        #expect(b.argmaxOneHot([x]).oneHot == [.true])
        #expect(b.andCount == 0)
    }
}
