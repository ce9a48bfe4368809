import Testing
@testable import Circuits

/// `simulate(inputWords:patternCount:into:workspace:)`: caller-owned buffers,
/// one workspace reused across calls, circuits and lane widths.
@Suite struct SimulationBuffersTests {
    @Test func reusedWorkspaceGivesTheReferenceOutputsEveryCall() {
        let workspace = SimulationWorkspace()
        // Growing and shrinking circuits and pattern counts through one workspace.
        for (round, patternCount) in [1, 700, 64, 130, 3].enumerated() {
            let aig = AIG.random(inputs: 10, ands: 200 + 150 * round, latches: round % 2 * 3, seed: UInt64(round))
            let simulator = Simulator(aig)
            let inputs = PatternSet.random(signalCount: 10, patternCount: patternCount, seed: 7)
            let expected = SimulationTests.referenceOutputs(aig, inputs)
            for width in LaneWidth.allCases {
                for threads in [1, 2] {
                    var outputs = [UInt64](repeating: ~0, count: aig.outputCount * inputs.wordsPerSignal)
                    inputs.withUnsafeWords { inputWords in
                        outputs.withUnsafeMutableBufferPointer {
                            simulator.simulate(inputWords: inputWords, patternCount: patternCount, into: $0,
                                               workspace: workspace, threads: threads, laneWidth: width)
                        }
                    }
                    #expect(outputs == expected.words, "round \(round), width \(width), threads \(threads)")
                }
            }
        }
    }
}
