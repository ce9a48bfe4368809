import Circuits
import GateLMSupport
import Synthesis
import Testing

@Suite("Data-aware refactoring")
struct CareRefactorTests {
    /// A "byte decoder": outputs that each recognise a set of values of 6 inputs, where only
    /// 10 of the 64 values ever occur on the care patterns.
    static func decoderAndCare() -> (AIG, PatternSet) {
        var rng = SplitMix64(seed: 12)
        var b = AIGBuilder()
        let x = b.addInputs(6)
        for _ in 0..<8 {
            // An arbitrary function of the 6 inputs as a sum of minterms.
            var terms: [Literal] = []
            for m in 0..<64 where rng.next() % 3 == 0 {
                terms.append(b.and((0..<6).map { x[$0].complemented(if: m >> $0 & 1 == 0) }))
            }
            b.addOutput(b.or(terms))
        }
        let occurring = (0..<10).map { _ in Int(rng.next() % 64) }
        var care = PatternSet(signalCount: 6, patternCount: 500)
        for p in 0..<500 {
            let m = occurring[p % occurring.count]
            for i in 0..<6 { care[i, p] = m >> i & 1 == 1 }
        }
        return (b.build(), care)
    }

    @Test func agreesOnTheCareSetAndIsMuchSmaller() {
        let (aig, care) = Self.decoderAndCare()
        let refactored = aig.refactored(onCareSet: care)
        #expect(Simulator(refactored).simulate(care) == Simulator(aig).simulate(care))
        // Ten occurring values: each output needs a few short cubes instead of ~20 minterms.
        #expect(refactored.andCount * 2 < aig.andCount)
        // A plain refactoring, with no care set, cannot do that.
        #expect(aig.refactored().andCount * 2 > aig.andCount)
    }

    @Test func leavesCircuitsAloneWhenEveryCombinationOccurs() {
        let aig = AIG.random(inputs: 6, ands: 300, maxOutputs: 8, seed: 4)
        var all = PatternSet(signalCount: 6, patternCount: 64)
        for p in 0..<64 { for i in 0..<6 { all[i, p] = p >> i & 1 == 1 } }
        let refactored = aig.refactored(onCareSet: all)
        #expect(SimulationEquivalence.firstDifference(aig, refactored) == nil)   // no don't-cares: equivalent
        #expect(refactored.andCount <= aig.structurallyHashed().andCount)
    }

    @Test func bothStepsTogetherAgreeOnTheCareSet() {
        let aig = AIG.random(inputs: 12, ands: 1500, seed: 11)
        let care = CareSetTests.constrainedPatterns(inputs: 12, count: 3000, seed: 5)
        let (simplified, report) = aig.dataAwareSimplified(onCareSet: care)
        #expect(report.andsAfter == simplified.andCount && report.andsAfter <= report.andsAfterMerging)
        #expect(Simulator(simplified).simulate(care) == Simulator(aig).simulate(care))
    }
}
