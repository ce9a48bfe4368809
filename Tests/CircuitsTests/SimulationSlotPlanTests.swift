import Testing
import Circuits

/// The simulator evaluates only what can reach a result and reuses buffer slots.
@Suite struct SimulationSlotPlanTests {
    @Test func deadAndsAreNotEvaluated() {
        var builder = AIGBuilder()
        let a = builder.addInput(), b = builder.addInput(), c = builder.addInput()
        let used = builder.and(a, b)
        _ = builder.and(b, !c)  // read by nothing
        _ = builder.and(a, c)   // read by nothing
        builder.addOutput(!used)
        let simulator = Simulator(builder.build())
        #expect(simulator.andCount == 3 && simulator.evaluatedAndCount == 1)
        let outputs = simulator.simulate(try! PatternSet(parsing: "110\n100\n", signalCount: 3))
        #expect(outputs.formatted() == "0\n1\n")
    }

    @Test func latchNextStatesKeepTheirConesAlive() {
        var builder = AIGBuilder()
        let x = builder.addInput(), y = builder.addInput()
        let q = builder.addLatch()
        builder.setNext(of: q, to: builder.xor(x, y))
        builder.addOutput(q)
        let simulator = Simulator(builder.build())
        #expect(simulator.evaluatedAndCount == simulator.andCount)
        let steps = [try! PatternSet(parsing: "10\n", signalCount: 2), PatternSet(signalCount: 2, patternCount: 1)]
        #expect(simulator.simulateSequential(steps).map { $0[0, 0] } == [false, true])
    }

    @Test func slotsAreReusedSoTheBufferIsSmallerThanTheCircuit() {
        let aig = AIG.random(inputs: 32, ands: 20_000, seed: 5)
        let simulator = Simulator(aig)
        #expect(simulator.slotCount > aig.firstAndVariable)
        #expect(simulator.slotCount < aig.firstAndVariable + simulator.evaluatedAndCount / 2)
    }
}
