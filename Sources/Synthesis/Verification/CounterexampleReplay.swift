import Circuits

/// Checks a counterexample by simulating both circuits from reset with the
/// reference evaluator, so that a returned counterexample never rests on
/// the SAT encoding alone.
struct CounterexampleReplay {
    let a: AIG
    let b: AIG
    let inputs: InterfaceMatch
    let outputs: InterfaceMatch

    init(_ a: AIG, _ b: AIG, inputs: InterfaceMatch, outputs: InterfaceMatch) {
        self.a = a
        self.b = b
        self.inputs = inputs
        self.outputs = outputs
    }

    /// `.notEquivalent` with the first step and output where the circuits
    /// differ on `perStep` (the first circuit's input values per step), or
    /// `.undecided` if they do not differ (which would be a defect).
    func result(inputs perStep: [[Bool]]) -> EquivalenceResult {
        var stateA = a.latches.map { $0.reset.simulationValue ? UInt64.max : 0 }
        var stateB = b.latches.map { $0.reset.simulationValue ? UInt64.max : 0 }
        for (step, values) in perStep.enumerated() {
            let wordsA = values.map { $0 ? UInt64(1) : 0 }
            let wordsB = inputs.firstIndex.map { wordsA[$0] }
            let (outA, nextA) = a.step(inputs: wordsA, latchValues: stateA)
            let (outB, nextB) = b.step(inputs: wordsB, latchValues: stateB)
            if let o = (0..<a.outputCount).first(where: { (outA[$0] ^ outB[outputs.secondIndex[$0]]) & 1 != 0 }) {
                return .notEquivalent(Counterexample(
                    inputs: Array(perStep.prefix(step + 1)), output: o, outputName: a.names.output(o),
                    step: step, valueInFirst: outA[o] & 1 != 0))
            }
            stateA = nextA
            stateB = nextB
        }
        return .undecided(reason: "internal error: a SAT counterexample did not replay in simulation")
    }
}
