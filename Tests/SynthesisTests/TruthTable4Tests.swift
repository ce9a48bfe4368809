@testable import Synthesis
import Testing

@Suite("4-input truth tables")
struct TruthTable4Tests {
    @Test func adjacentSwapExchangesVariables() {
        for i in 0..<3 {
            #expect(TruthTable4.swappingAdjacent(TruthTable4.variable(i), i) == TruthTable4.variable(i + 1))
            #expect(TruthTable4.swappingAdjacent(TruthTable4.variable(i + 1), i) == TruthTable4.variable(i))
        }
    }

    @Test func stretchingMovesVariablesToTheirPositions() {
        // f = x0 ∧ ¬x1 over two variables, moved to positions 1 and 3.
        let f = TruthTable4.variable(0) & ~TruthTable4.variable(1)
        let g = TruthTable4.stretching(f, count: 2, positions: (1, 3, 0, 0))
        #expect(g == TruthTable4.variable(1) & ~TruthTable4.variable(3))
    }

    @Test func cofactorsAndSupport() {
        let f = (TruthTable4.variable(0) & TruthTable4.variable(2)) | TruthTable4.variable(3)
        #expect(TruthTable4.support(f) == 0b1101)
        #expect(TruthTable4.cofactor1(f, 3) == 0xFFFF)
        #expect(TruthTable4.cofactor0(f, 3) == TruthTable4.variable(0) & TruthTable4.variable(2))
    }
}
