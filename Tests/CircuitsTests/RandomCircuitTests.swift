import Testing
import Circuits

@Suite struct RandomCircuitTests {
    @Test func randomCircuitsAreValidDeterministicAndSized() throws {
        let a = AIG.random(inputs: 16, ands: 500, seed: 7)
        let b = AIG.random(inputs: 16, ands: 500, seed: 7)
        try a.validate()
        #expect(a == b)
        #expect(a.andCount == 500 && a.inputCount == 16 && a.outputCount > 0)
        #expect(AIG.random(inputs: 16, ands: 500, seed: 8) != a)
    }

    @Test func sequentialRandomCircuitsHaveLatches() throws {
        let a = AIG.random(inputs: 4, ands: 100, latches: 6, seed: 1)
        try a.validate()
        #expect(a.latchCount == 6 && a.isSequential)
    }
}
