import Circuits
@testable import Synthesis
import Testing

@Suite("Refactoring")
struct RefactorTests {
    @Test(arguments: [1, 2, 3] as [UInt64])
    func randomCircuitsKeepTheirFunctionAndShrink(seed: UInt64) throws {
        let aig = AIG.random(inputs: 12, ands: 1500, maxOutputs: 8, seed: seed)
        let refactored = aig.refactored()
        try refactored.validate()
        #expect(refactored.andCount < aig.structurallyHashed().andCount)
        #expect(SimulationEquivalence.firstDifference(aig, refactored) == nil)
        let zero = refactored.refactored(RefactorOptions(zeroCost: true))
        #expect(SimulationEquivalence.firstDifference(aig, zero) == nil)
    }

    @Test func sequentialCircuitsKeepLatchesAndProperties() throws {
        try PassChecks.expectKeepsLatchesAndProperties { $0.refactored() }
    }

    @Test func wideConesAreCollapsed() {
        // (a∧b∧c∧d∧e∧f∧g) ∨ (a∧b∧c∧d∧e∧f∧¬g) written out twice over: it is a∧b∧c∧d∧e∧f, 5 ANDs.
        var b = AIGBuilder()
        let x = b.addInputs(7)
        let left = (Array(x[0..<6]) + [x[6]]).dropFirst().reduce(x[0]) { b.and($0, $1) }
        let right = ([!x[6]] + Array(x[0..<6].reversed())).dropFirst().reduce(!x[6]) { b.and($1, $0) }
        b.addOutput(b.or(left, right))
        let aig = b.build()
        let refactored = aig.refactored()
        #expect(refactored.andCount == 5)
        #expect(SimulationEquivalence.firstDifference(aig, refactored) == nil)
    }

    @Test func smallCutsGiveAnEquivalentCircuitToo() {
        let aig = AIG.random(inputs: 10, ands: 800, maxOutputs: 8, seed: 11)
        let refactored = aig.refactored(RefactorOptions(maxLeaves: 4))
        #expect(refactored.andCount <= aig.structurallyHashed().andCount)
        #expect(SimulationEquivalence.firstDifference(aig, refactored) == nil)
    }

    @Test(arguments: PassChecks.smallEPFLFiles)
    func epflCircuitsStayEquivalent(path: String) throws {
        let aig = try AIG(contentsOfAIGERFile: path)
        let refactored = aig.refactored()
        #expect(refactored.andCount <= aig.andCount)
        #expect(SimulationEquivalence.firstDifference(aig, refactored, words: 16) == nil)
        let zero = refactored.refactored(RefactorOptions(zeroCost: true)).rewritten(RewriteOptions(zeroCost: true))
        #expect(SimulationEquivalence.firstDifference(aig, zero, words: 16) == nil)
        if ABCReference.isInstalled {
            #expect(try ABCReference.equivalent(aig, zero), "\(path)")
        }
    }
}
