import Testing
import Circuits

@Suite struct ArithmeticMultiplexerTests {
    static let widthPairs = (0...3).flatMap { a in (0...3).map { b in [a, b] } }

    @Test(arguments: widthPairs)
    func twoWayMuxSelectsAndZeroExtends(_ widths: [Int]) {
        let mismatch = ExhaustiveCheck.firstMismatch(inputWidths: [1] + widths) { b, v in
            let chosen = b.mux(v[0][0], v[1], v[2])
            #expect(chosen.count == widths.max()!)
            return [chosen]
        } reference: { x in [x[0] == 1 ? x[1] : x[2]] }
        #expect(mismatch == nil)
    }

    static let shapes = (0...5).flatMap { choices in (0...3).map { indexBits in [choices, indexBits] } }

    /// Choices of widths 1, 2, 1, 2, … and an index of 0…3 bits, so that some
    /// indices point past the last choice and some choices are unreachable.
    @Test(arguments: shapes)
    func indexedMuxSelectsTheIndexedChoiceOrZero(_ shape: [Int]) {
        let (count, indexBits) = (shape[0], shape[1])
        let choiceWidths = (0..<count).map { 1 + $0 % 2 }
        let mismatch = ExhaustiveCheck.firstMismatch(inputWidths: [indexBits] + choiceWidths) { b, v in
            let chosen = b.mux(Array(v.dropFirst()), index: v[0])
            #expect(chosen.count == (choiceWidths.max() ?? 0))
            return [chosen]
        } reference: { x in
            let index = x[0]
            return [index < count ? x[1 + index] : 0]
        }
        #expect(mismatch == nil)
    }

    @Test func constantSelectsBuildNoNodes() {
        var b = AIGBuilder()
        let x = b.addInputs(3), y = b.addInputs(2)
        #expect(b.mux(.true, x, y) == x)
        #expect(b.mux(.false, x, y) == y + [.false])
        #expect(b.mux([x, y, x], index: .constant(1, width: 2)) == y + [.false])
        #expect(b.mux([x, y], index: .constant(3, width: 2)) == .constant(0, width: 3))
        #expect(b.andCount == 0)
    }

    @Test func indexedMuxIsATreeOfTwoWayMuxes() {
        var b = AIGBuilder()
        let choices = (0..<8).map { _ in b.addInputs(4) }
        let index = b.addInputs(3)
        _ = b.mux(choices, index: index)
        #expect(b.andCount == 7 * 4 * 3)
    }
}
