import Circuits
import Testing

/// Stepping with caller-held state (`Simulator.step`) against clocked simulation of whole traces.
@Suite struct SimulationSteppingTests {
    @Test(arguments: [(1, 1), (63, 1), (300, 2), (1500, 2)])
    func steppingEqualsSequentialSimulation(traceCount: Int, threads: Int) {
        let aig = AIG.random(inputs: 6, ands: 400, latches: 12, seed: UInt64(traceCount))
        let steps = (0..<7).map { PatternSet.random(signalCount: 6, patternCount: traceCount, seed: UInt64(100 + $0)) }
        let simulator = Simulator(aig)
        let expected = simulator.simulateSequential(steps, threads: 1)
        let words = (traceCount + 63) / 64
        var state = [UInt64](repeating: 7, count: aig.latchCount * words)
        state.withUnsafeMutableBufferPointer { simulator.resetState($0, wordsPerSignal: words) }
        let workspace = SimulationWorkspace()
        var changed = false
        for (t, step) in steps.enumerated() {
            let before = state
            var outputs = [UInt64](repeating: 0, count: aig.outputCount * words)
            step.withUnsafeWords { inputs in
                state.withUnsafeMutableBufferPointer { state in
                    outputs.withUnsafeMutableBufferPointer { out in
                        simulator.step(inputWords: inputs, stateWords: state, patternCount: traceCount, into: out,
                                       workspace: workspace, threads: threads)
                    }
                }
            }
            #expect(outputs == expected[t].words, "step \(t)")
            changed = changed || state != before
        }
        #expect(changed, "the state moves")
    }
}
