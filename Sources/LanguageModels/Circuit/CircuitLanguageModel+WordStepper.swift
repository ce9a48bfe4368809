import Circuits

extension CircuitLanguageModel {
    /// Up to 64 traces of a recurrent circuit clocked side by side, one word per signal (bit k
    /// of a word is trace k), from the reset state, the state held here: for walks along a text
    /// that need the state itself (care sets, the state before an unrolled view's horizon).
    struct WordStepper {
        /// Each latch's word, before the next step.
        private(set) var state: [UInt64]
        private var outputs: [UInt64]
        private let simulator: Simulator
        private let workspace = SimulationWorkspace()

        init(_ model: CircuitLanguageModel) {
            precondition(model.isRecurrent, "stepping is for a recurrent circuit")
            simulator = model.simulator
            state = [UInt64](repeating: 0, count: model.aig.latchCount)
            outputs = [UInt64](repeating: 0, count: model.aig.outputCount)
            state.withUnsafeMutableBufferPointer { simulator.resetState($0, wordsPerSignal: 1) }
        }

        /// One clock step with `inputs` (one word per input) for every trace.
        mutating func step(inputs: [UInt64]) {
            let (simulator, workspace) = (self.simulator, self.workspace)
            inputs.withUnsafeBufferPointer { inputs in
                state.withUnsafeMutableBufferPointer { state in
                    outputs.withUnsafeMutableBufferPointer { out in
                        simulator.step(inputWords: inputs, stateWords: state, patternCount: 64, into: out, workspace: workspace, threads: 1)
                    }
                }
            }
        }
    }
}
