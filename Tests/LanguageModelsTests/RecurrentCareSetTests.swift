import Circuits
import LanguageModels
import Synthesis
import Testing

/// Data-aware simplification of a recurrent circuit on the (byte, state) pairs it reaches:
/// along the text it was simplified on, the result steps exactly like the original.
@Suite struct RecurrentCareSetTests {
    @Test func simplifiedMachineScoresTheCareTextExactly() throws {
        // A machine over a text that uses few bytes, so much of the byte code and many states never occur.
        let classes = DiscreteTernaryRNNTests.classes.sorted()
        let machine = DiscreteTernaryRNN.random(seed: 12, stateBits: 24, codeBits: 8, classes: classes)
        let model = try CircuitLanguageModel(machine.circuit(readout: ReadoutParameters(temperature: 2, epsilon: 0.01)))
        let text = (0..<3000).map { classes[($0 * 7 + $0 / 13) % 3] }
        let care = model.careSet(of: 0..<3000, in: text)
        #expect(care.signalCount == 8 + 24 && care.patternCount >= 3000)
        let (simplified, report) = model.aig.dataAwareSimplified(onCareSet: care)
        #expect(simplified.latchCount == 24 && simplified.inputCount == 8)
        #expect(report.andsAfter < model.aig.andCount, "\(report.andsAfter) ANDs of \(model.aig.andCount)")
        let simplifiedModel = try CircuitLanguageModel(simplified)
        #expect(simplifiedModel.scores(of: 0..<3000, in: text) == model.scores(of: 0..<3000, in: text))
        // Generation from the same prompt walks the same states as long as it stays on seen pairs;
        // the file round trip keeps the latches and names.
        #expect(simplified.names.output(0) == model.aig.names.output(0))
    }
}
