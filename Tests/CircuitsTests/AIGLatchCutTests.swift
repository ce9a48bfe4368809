import Circuits
import Testing

/// The combinational view of a sequential AIG and back.
@Suite struct AIGLatchCutTests {
    @Test func cuttingAndReattachingIsTheIdentity() {
        let aig = AIG.random(inputs: 4, ands: 120, latches: 6, seed: 3)
        let view = aig.latchesCut
        #expect(!view.isSequential && view.inputCount == 10 && view.outputCount == aig.outputCount + 6)
        #expect(aig.reattachingLatches(to: view) == aig)
    }

    /// One step of the view computes what one clock step of the circuit does.
    @Test func theViewComputesOneStep() {
        let aig = AIG.random(inputs: 5, ands: 200, latches: 7, seed: 8)
        let view = aig.latchesCut
        let inputs = PatternSet.random(signalCount: 5, patternCount: 64, seed: 1)
        let state = PatternSet.random(signalCount: 7, patternCount: 64, seed: 2)
        let (outputs, next) = aig.step(inputs: inputs.wordColumn(0), latchValues: state.wordColumn(0))
        let viewOutputs = view.evaluate(inputs: inputs.wordColumn(0) + state.wordColumn(0))
        #expect(viewOutputs == outputs + next)
    }
}
