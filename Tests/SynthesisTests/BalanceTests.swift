import Circuits
import Synthesis
import Testing

@Suite("Balancing pass")
struct BalanceTests {
    @Test func turnsAChainIntoATreeOfLogarithmicDepth() {
        var b = AIGBuilder()
        let x = b.addInputs(16, prefix: "x")
        var chain = x[0]
        for i in 1..<16 { chain = b.and(chain, x[i]) }
        b.addOutput(chain)
        let aig = b.build()
        #expect(aig.depth == 15)
        let balanced = aig.balanced()
        #expect(balanced.depth == 4)
        #expect(balanced.andCount == 15)
        #expect(SimulationEquivalence.firstDifference(aig, balanced) == nil)
    }

    @Test func mergesRepeatedInputsAndFoldsContradictions() {
        var b = AIGBuilder()
        let x = b.addInputs(3)
        let p = b.and(x[0], x[1])
        let q = b.and(x[2], x[0])          // x0 appears twice in (p ∧ q)
        b.addOutput(b.and(p, q))
        b.addOutput(b.and(b.and(x[2], x[1]), b.and(x[0], !x[2])))   // contains x2 ∧ ¬x2: constant 0
        let aig = b.build()
        let balanced = aig.balanced()
        #expect(balanced.outputs[1] == .false)
        #expect(balanced.andCount == 2)     // x0 ∧ x1 ∧ x2 in two ANDs
        #expect(SimulationEquivalence.firstDifference(aig, balanced) == nil)
    }

    @Test func keepsSharedNodesAsSupergateBoundaries() {
        var b = AIGBuilder()
        let x = b.addInputs(4)
        let shared = b.and(x[0], x[1])
        b.addOutput(b.and(shared, x[2]))
        b.addOutput(b.and(shared, x[3]))
        let aig = b.build()
        let balanced = aig.balanced()
        #expect(balanced.andCount == 3)
        #expect(SimulationEquivalence.firstDifference(aig, balanced) == nil)
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func preservesRandomCircuitsAndNeverDeepensThem(seed: UInt64) {
        let aig = AIG.random(inputs: 24, ands: 3000, latches: seed == 3 ? 6 : 0, seed: seed)
        let balanced = aig.balanced()
        #expect(SimulationEquivalence.firstDifference(aig, balanced, steps: 5) == nil)
        #expect(balanced.depth <= aig.depth)
    }
}
