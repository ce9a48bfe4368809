import Testing
import Circuits

/// Clocked simulation against the reference `AIG.step(inputs:latchValues:)`.
@Suite struct SimulationSequentialTests {
    static func resetWords(_ aig: AIG) -> [UInt64] {
        aig.latches.map { $0.reset.simulationValue ? ~0 : 0 }
    }

    @Test(arguments: [1, 63, 65, 513])
    func parallelTracesMatchReference(traceCount: Int) {
        let aig = AIG.random(inputs: 5, ands: 250, latches: 10, seed: UInt64(traceCount))
        let steps = (0..<6).map { PatternSet.random(signalCount: 5, patternCount: traceCount, seed: UInt64($0)) }
        let simulator = Simulator(aig)
        for width in LaneWidth.allCases {
            let outputs = simulator.simulateSequential(steps, threads: 1, laneWidth: width)
            #expect(outputs.count == steps.count)
            for chunk in 0..<steps[0].wordsPerSignal {
                var state = Self.resetWords(aig)
                for (t, step) in steps.enumerated() {
                    let (expected, next) = aig.step(inputs: step.wordColumn(chunk), latchValues: state)
                    let mask = chunk == step.wordsPerSignal - 1 ? step.lastWordMask : ~0
                    #expect(outputs[t].wordColumn(chunk) == expected.map { $0 & mask }, "width \(width) step \(t)")
                    state = next
                }
            }
        }
    }

    @Test func oneAndTwoThreadsGiveIdenticalResults() {
        let aig = AIG.random(inputs: 8, ands: 4_000, latches: 16, seed: 4)
        let steps = (0..<4).map { PatternSet.random(signalCount: 8, patternCount: 1500, seed: UInt64($0)) }
        let simulator = Simulator(aig)
        #expect(simulator.simulateSequential(steps, threads: 2, laneWidth: .bits64)
                == simulator.simulateSequential(steps, threads: 1, laneWidth: .bits64))
    }

    @Test func stateActuallyChangesOutputs() {
        // A toggle flip-flop: q' = ¬q, output q.
        var builder = AIGBuilder()
        let q = builder.addLatch(reset: .zero)
        builder.setNext(of: q, to: !q)
        builder.addOutput(q)
        let steps = Array(repeating: PatternSet(signalCount: 0, patternCount: 3), count: 4)
        let outputs = Simulator(builder.build()).simulateSequential(steps)
        #expect(outputs.map { $0[0, 2] } == [false, true, false, true])
    }

    @Test(arguments: [1, 64, 130])
    func singleTraceMatchesReference(stepCount: Int) {
        let aig = AIG.random(inputs: 4, ands: 200, latches: 7, seed: 21)
        let inputs = PatternSet.random(signalCount: 4, patternCount: stepCount, seed: 3)
        let outputs = Simulator(aig).simulateTrace(inputs)
        var state = Self.resetWords(aig)
        for t in 0..<stepCount {
            let word = (0..<4).map { inputs[$0, t] ? UInt64(1) : 0 }
            let (expected, next) = aig.step(inputs: word, latchValues: state)
            #expect((0..<aig.outputCount).map { outputs[$0, t] } == expected.map { $0 & 1 != 0 }, "step \(t)")
            state = next
        }
    }

    @Test func singleTraceOfCombinationalCircuitIsPlainSimulation() {
        let aig = AIG.random(inputs: 6, ands: 150, seed: 2)
        let inputs = PatternSet.random(signalCount: 6, patternCount: 70, seed: 1)
        let simulator = Simulator(aig)
        #expect(simulator.simulateTrace(inputs) == simulator.simulate(inputs))
    }
}
