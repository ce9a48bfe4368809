import Testing
@testable import Circuits

/// The fast simulator against the reference evaluator (`AIG.evaluate(inputs:)`).
@Suite struct SimulationTests {
    static let patternCounts = [1, 63, 64, 65, 511, 513, 1500]

    /// Reference outputs, 64 patterns at a time, unused high bits cleared.
    static func referenceOutputs(_ aig: AIG, _ inputs: PatternSet) -> PatternSet {
        var expected = PatternSet(signalCount: aig.outputCount, patternCount: inputs.patternCount)
        for chunk in 0..<inputs.wordsPerSignal {
            let words = aig.evaluate(inputs: inputs.wordColumn(chunk))
            for (j, word) in words.enumerated() {
                var signal = Array(expected.words(ofSignal: j))
                signal[chunk] = word
                expected.setWords(ofSignal: j, to: signal)
            }
        }
        return expected
    }

    @Test(arguments: patternCounts)
    func matchesReferenceAtEveryLaneWidth(patternCount: Int) {
        let aig = AIG.random(inputs: 12, ands: 400, seed: UInt64(patternCount))
        let inputs = PatternSet.random(signalCount: 12, patternCount: patternCount, seed: 5)
        let expected = Self.referenceOutputs(aig, inputs)
        let simulator = Simulator(aig)
        for width in LaneWidth.allCases {
            #expect(simulator.simulate(inputs, threads: 1, laneWidth: width) == expected, "width \(width)")
        }
    }

    @Test func latchesStayAtResetValuesInCombinationalSimulation() {
        let aig = AIG.random(inputs: 6, ands: 300, latches: 9, seed: 3)
        let inputs = PatternSet.random(signalCount: 6, patternCount: 200, seed: 8)
        #expect(Simulator(aig).simulate(inputs) == Self.referenceOutputs(aig, inputs))
    }

    @Test func constantsInputsAndComplementsAsOutputs() {
        var builder = AIGBuilder()
        let a = builder.addInput(), b = builder.addInput()
        builder.addOutput(.true)
        builder.addOutput(.false)
        builder.addOutput(!a)
        builder.addOutput(builder.and(a, !b))
        let aig = builder.build()
        let inputs = try! PatternSet(parsing: "00\n01\n10\n11\n", signalCount: 2)
        let outputs = Simulator(aig).simulate(inputs)
        #expect(outputs.formatted() == "1010\n1010\n1001\n1000\n")
    }

    @Test func emptyPatternSetsGiveEmptyOutputs() {
        let aig = AIG.random(inputs: 4, ands: 20, seed: 1)
        let outputs = Simulator(aig).simulate(PatternSet(signalCount: 4, patternCount: 0))
        #expect(outputs.patternCount == 0 && outputs.signalCount == aig.outputCount)
    }

    @Test func oneAndTwoThreadsGiveIdenticalResults() {
        let aig = AIG.random(inputs: 32, ands: 20_000, seed: 11)
        let inputs = PatternSet.random(signalCount: 32, patternCount: 1500, seed: 2)
        let simulator = Simulator(aig)
        #expect(simulator.workerCount(threads: 2, blocks: 24, wordsPerBlock: 1) == 2)
        for width in [LaneWidth.bits64, .bits512] {
            let single = simulator.simulate(inputs, threads: 1, laneWidth: width)
            #expect(simulator.simulate(inputs, threads: 2, laneWidth: width) == single)
            #expect(single == Self.referenceOutputs(aig, inputs))
        }
    }

    @Test func automaticWidthPicksNarrowBlocksForFewPatterns() {
        let simulator = Simulator(AIG.random(inputs: 4, ands: 20, seed: 1))
        #expect(simulator.resolved(.automatic, wordsPerSignal: 1) == .bits64)
        #expect(simulator.resolved(.automatic, wordsPerSignal: 2) == .bits256)   // half empty, still faster than 2 × 64
        #expect(simulator.resolved(.automatic, wordsPerSignal: 3) == .bits256)
        #expect(simulator.resolved(.automatic, wordsPerSignal: 4) == .bits256)   // not a half-empty 512
        #expect(simulator.resolved(.automatic, wordsPerSignal: 6) == .bits512)
        #expect(simulator.resolved(.automatic, wordsPerSignal: 100) == .bits1024)
        #expect(simulator.resolved(.bits1024, wordsPerSignal: 1) == .bits1024)
    }
}
