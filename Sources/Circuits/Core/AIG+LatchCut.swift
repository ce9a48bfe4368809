/// Cutting a sequential AIG at its latches, and putting them back: the combinational view in
/// which each latch's value is an input and its next-state function an output. Variables keep
/// their numbers (latch variables follow the inputs in both), so literals need no renaming.
extension AIG {
    /// The combinational view: inputs are the inputs, then the latches' current values; outputs
    /// are the outputs, then the latches' next-state literals. Names and comments are dropped.
    public var latchesCut: AIG {
        AIG(unchecked: inputCount + latchCount, latches: [], fanin0: fanin0, fanin1: fanin1,
            outputs: outputs + latches.map(\.next))
    }

    /// The inverse of `latchesCut` for a combinational view `view` of this circuit (for example
    /// after simplifying it): its last `latchCount` inputs become latches again, with this
    /// circuit's resets, their next states its last `latchCount` outputs; names and comments are this circuit's.
    public func reattachingLatches(to view: AIG) -> AIG {
        precondition(!view.isSequential && view.inputCount == inputCount + latchCount && view.outputCount == outputCount + latchCount,
                     "a combinational view of this circuit has \(inputCount + latchCount) inputs and \(outputCount + latchCount) outputs")
        let latches = zip(self.latches, view.outputs.suffix(latchCount)).map { Latch(next: $1, reset: $0.reset) }
        return AIG(unchecked: inputCount, latches: latches, fanin0: view.fanin0, fanin1: view.fanin1,
                   outputs: Array(view.outputs.prefix(outputCount)), bad: bad, constraints: constraints, justice: justice,
                   fairness: fairness, names: names, comments: comments)
    }
}
