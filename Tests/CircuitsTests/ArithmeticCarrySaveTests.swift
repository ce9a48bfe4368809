import Testing
@testable import Circuits

@Suite struct ArithmeticCarrySaveTests {
    static let widthLists: [[Int]] = [
        [], [3], [1, 1, 1], [3, 2, 1], [2, 2, 2, 2], [4, 4, 4], [1, 2, 3, 4], [5, 5], [3, 3, 3, 3], [6, 1, 1, 1, 1, 1],
    ]

    @Test(arguments: widthLists)
    func sumOfManyVectorsIsExactInTheNeededWidth(_ widths: [Int]) {
        let largest = widths.reduce(0) { $0 + (1 << $1) - 1 }
        let mismatch = ExhaustiveCheck.firstMismatch(inputWidths: widths) { b, v in
            let total = b.sum(v)
            #expect(total.count == BitVector.bitWidth(representing: largest))
            return [total]
        } reference: { x in [x.reduce(0, +)] }
        #expect(mismatch == nil)
    }

    @Test func constantOperandsFoldIntoTheSum() {
        let mismatch = ExhaustiveCheck.firstMismatch(inputWidths: [3, 2]) { b, v in
            let total = b.sum([v[0], .constant(5, width: 3), v[1], .constant(1, width: 1), [.false, .false]])
            #expect(total.count == BitVector.bitWidth(representing: 7 + 7 + 3 + 1 + 3))
            return [total]
        } reference: { x in [x[0] + 5 + x[1] + 1] }
        #expect(mismatch == nil)
    }

    @Test func sumOfTwoVectorsIsTheRippleCarryAdder() {
        var b = AIGBuilder()
        let x = b.addInputs(4), y = b.addInputs(3)
        let ripple = b.add(x, y)
        let count = b.andCount
        #expect(b.sum([x, y]) == ripple)
        #expect(b.sum([y, x]) == ripple)
        #expect(b.andCount == count)
    }

    @Test func largestSumWidthCarriesColumnCounts() {
        #expect(AIGBuilder.widthOfLargestSum(columnCounts: []) == 0)
        #expect(AIGBuilder.widthOfLargestSum(columnCounts: [7]) == 3)
        #expect(AIGBuilder.widthOfLargestSum(columnCounts: [1, 1, 1]) == 3)
        #expect(AIGBuilder.widthOfLargestSum(columnCounts: [3, 3]) == 4) // 3 + 6 = 9
        #expect(AIGBuilder.widthOfLargestSum(columnCounts: [0, 0]) == 0)
    }
}
