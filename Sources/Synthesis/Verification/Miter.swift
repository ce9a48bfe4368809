import Circuits

/// One AIG holding two circuits over shared inputs, whose outputs are the
/// XORs of corresponding signals: it has an output at 1 exactly where the
/// circuits differ.
struct Miter {
    /// What a miter output compares.
    enum Comparison: Hashable {
        /// The first circuit's output `output` at clock step `step`.
        case output(Int, step: Int)
        /// The next state of the first circuit's latch `latch` (latches compared as shared inputs).
        case nextState(Int)
    }

    /// The miter circuit (combinational).
    let aig: AIG
    /// What each miter output compares.
    let comparisons: [Comparison]

    /// Both circuits with inputs shared and, when `latches` is given,
    /// corresponding latches as shared free inputs (after the primary ones);
    /// compares the outputs and the latch next states.
    init(_ a: AIG, _ b: AIG, inputs: InterfaceMatch, outputs: InterfaceMatch, latches: InterfaceMatch?) {
        var builder = AIGBuilder(expectedAnds: a.andCount + b.andCount)
        let sharedInputs = (0..<a.inputCount).map { builder.addInput(name: a.names.input($0)) }
        let sharedLatches = latches == nil ? [] : (0..<a.latchCount).map { _ in builder.addInput() }
        let imageA = builder.copyLogic(of: a, leaves: sharedInputs + sharedLatches)
        let leavesB = inputs.firstIndex.map { sharedInputs[$0] } + (latches?.firstIndex.map { sharedLatches[$0] } ?? [])
        let imageB = builder.copyLogic(of: b, leaves: leavesB)
        var comparisons = [Comparison]()
        for o in 0..<a.outputCount {
            builder.addOutput(builder.xor(imageA.image(of: a.outputs[o]), imageB.image(of: b.outputs[outputs.secondIndex[o]])))
            comparisons.append(.output(o, step: 0))
        }
        if let latches {
            for j in 0..<a.latchCount {
                let nextB = b.latches[latches.secondIndex[j]].next
                builder.addOutput(builder.xor(imageA.image(of: a.latches[j].next), imageB.image(of: nextB)))
                comparisons.append(.nextState(j))
            }
        }
        aig = builder.build()
        self.comparisons = comparisons
    }

    /// Both circuits unrolled for `steps` clock steps from reset over shared
    /// inputs (`steps × I` miter inputs, step-major); compares every output
    /// at every step. Uninitialised latches start at 0, as in simulation.
    init(unrolling a: AIG, _ b: AIG, steps: Int, inputs: InterfaceMatch, outputs: InterfaceMatch) {
        precondition(steps >= 1, "unroll at least one step")
        var builder = AIGBuilder(expectedAnds: steps * (a.andCount + b.andCount))
        var stateA = a.latches.map { $0.reset.simulationValue ? Literal.true : .false }
        var stateB = b.latches.map { $0.reset.simulationValue ? Literal.true : .false }
        var comparisons = [Comparison]()
        for step in 0..<steps {
            let stepInputs = (0..<a.inputCount).map { _ in builder.addInput() }
            let imageA = builder.copyLogic(of: a, leaves: stepInputs + stateA)
            let imageB = builder.copyLogic(of: b, leaves: inputs.firstIndex.map { stepInputs[$0] } + stateB)
            for o in 0..<a.outputCount {
                builder.addOutput(builder.xor(imageA.image(of: a.outputs[o]), imageB.image(of: b.outputs[outputs.secondIndex[o]])))
                comparisons.append(.output(o, step: step))
            }
            stateA = a.latches.map { imageA.image(of: $0.next) }
            stateB = b.latches.map { imageB.image(of: $0.next) }
        }
        aig = builder.build()
        self.comparisons = comparisons
    }
}
