/// Time-frame expansion: a sequential AIG unrolled into a combinational one.
extension AIG {
    /// The combinational circuit of `steps` clock steps from the latches' reset values
    /// (uninitialised latches at 0), or, with `freeInitialState`, from any state: input `k·I + i`
    /// is input i at step `steps − 1 − k` (the most recent step first, as a window model's
    /// `ctx[-1]` comes first), then, when free, input `steps·I + j` is latch j's value before
    /// the first step; the outputs are the outputs of the last step. From the reset state,
    /// constant propagation and structural hashing shrink the first frames. Also returns, per
    /// step, every latch's literal after that step (in the returned AIG), for naming the state over time.
    public func unrolled(steps: Int, freeInitialState: Bool = false) -> (aig: AIG, states: [[Literal]]) {
        precondition(steps >= 1, "at least one step")
        var builder = AIGBuilder(expectedAnds: andCount * steps)
        // Most recent step first.
        let frames = (0..<steps).map { _ in (0..<inputCount).map { _ in builder.addInput() } }
        var state = freeInitialState ? latches.map { _ in builder.addInput() }
                                     : latches.map { $0.reset == .one ? Literal.true : Literal.false }
        var image = [Literal](repeating: .false, count: variableCount)
        var states = [[Literal]]()
        var last = [Literal]()
        for t in 0..<steps {
            let inputs = frames[steps - 1 - t]
            for i in 0..<inputCount { image[1 + i] = inputs[i] }
            for j in 0..<latchCount { image[firstLatchVariable + j] = state[j] }
            func map(_ l: Literal) -> Literal { image[l.variable].complemented(if: l.isComplemented) }
            for k in 0..<andCount { image[firstAndVariable + k] = builder.and(map(fanin0[k]), map(fanin1[k])) }
            state = latches.map { map($0.next) }
            states.append(state)
            if t == steps - 1 { last = outputs.map(map) }
        }
        for literal in last { builder.addOutput(literal) }
        let (aig, variableMap) = builder.buildWithMap()
        let remapped = states.map { frame in frame.map { Literal(variable: variableMap[$0.variable], complemented: $0.isComplemented) } }
        return (aig, remapped)
    }
}
