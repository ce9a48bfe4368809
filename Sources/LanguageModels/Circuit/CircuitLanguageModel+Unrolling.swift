import Circuits

extension CircuitLanguageModel {
    /// The default horizon of the unrolled view of a recurrent circuit (bytes).
    public static let defaultHorizon = 8

    /// The name of latch `name`'s value after reading the byte `ctx[-position]` in an unrolled circuit.
    public static func unrolledStateName(_ latch: String, afterPosition position: Int) -> String {
        // The index stays last (h@-3[17]), so that names group by pattern in the AIGER comments.
        guard let bracket = latch.firstIndex(of: "[") else { return "\(latch)@-\(position)" }
        return "\(latch[..<bracket])@-\(position)\(latch[bracket...])"
    }

    /// A window view of a recurrent circuit: the machine unrolled over its last `horizon` bytes
    /// from the reset state, a combinational circuit with inputs `ctx[-p][b]` and the same score
    /// outputs and readout, so that every window tool (trace, attribute, explain, query,
    /// contrast, modules, view) questions it. Its prediction is the machine's after reading
    /// those bytes from reset (0x00 before the text, as any window pads); the state bits over
    /// time are named `h@-p[i]` (latch h[i] after reading ctx[-p]). A window circuit is returned as it is.
    public func unrolled(horizon: Int) throws(InterfaceError) -> CircuitLanguageModel {
        guard isRecurrent else { return self }
        guard (1...4096).contains(horizon) else { throw InterfaceError(description: "the horizon must be in 1...4096 bytes; got \(horizon)") }
        var (view, states) = aig.unrolled(steps: horizon)
        for p in 1...horizon {
            for b in 0..<8 { view.names.setInput((p - 1) * 8 + b, DiscreteGateNetwork.contextInputName(position: p - 1, bit: b), count: view.inputCount) }
        }
        for o in 0..<aig.outputCount { view.names.setOutput(o, aig.names.output(o), count: view.outputCount) }
        var names = NodeNames()
        for (t, frame) in states.enumerated() {
            for (j, literal) in frame.enumerated() where literal.variable > view.inputCount {
                names.add(Self.unrolledStateName(aig.names.latch(j) ?? "h[\(j)]", afterPosition: horizon - t), literal)
            }
        }
        view.comments = ["gatelm unrolled: the recurrent circuit over its last \(horizon) bytes from reset (state h@-p[i]: latch h[i] after reading ctx[-p])"]
            + aig.comments + names.comments(for: view)
        return try CircuitLanguageModel(view)
    }
}
