import Circuits

/// Combinational (and bounded sequential) equivalence checking of two AIGs,
/// as ABC's `cec`: a miter of the two circuits, random simulation, SAT
/// sweeping of its internal equivalences, then SAT on each remaining output.
///
/// Inputs, outputs and latches are matched by name when both circuits name
/// all of them, else by position. Sequential circuits whose latches
/// correspond (same count, same resets) are compared combinationally, with
/// corresponding latches as shared inputs and their next states compared
/// too; if that finds a difference, or the latches do not correspond, the
/// circuits are unrolled `steps` clock steps from reset. AIGER properties
/// (bad states, constraints, …) are not compared, except that a circuit
/// with bad states and no outputs (as ABC writes sequential circuits)
/// compares its bad states with the other circuit's outputs.
public struct EquivalenceChecker: Sendable {
    public struct Options: Sendable, Hashable {
        /// Conflicts allowed for the last SAT query on each output (nil: no limit).
        public var conflictLimit: Int?
        /// Wall-clock budget of a check (nil: none).
        public var timeLimit: Duration?
        /// Clock steps from reset unrolled by the bounded sequential check.
        public var steps = 16
        /// Simulation and the first round of SAT sweeping (conflict limits grow in later rounds).
        public var sweep = SATSweeper.Options()

        public init() {}
    }

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    /// Compares `a` with `b`.
    ///
    /// - Throws: `EquivalenceError` when the interfaces do not match
    ///   (different input or output counts, or names that do not pair up).
    public func check(_ a: AIG, _ b: AIG) throws(EquivalenceError) -> EquivalenceResult {
        let (a, b) = (Self.outputsFromBadProperties(a, other: b), Self.outputsFromBadProperties(b, other: a))
        let inputs = try InterfaceMatch("input", first: (a.inputCount, a.names.inputs), second: (b.inputCount, b.names.inputs))
        let outputs = try InterfaceMatch("output", first: (a.outputCount, a.names.outputs), second: (b.outputCount, b.names.outputs))
        var prover = MiterProver()
        prover.conflictLimit = options.conflictLimit
        prover.deadline = options.timeLimit.map { ContinuousClock.now + $0 }
        prover.sweep = options.sweep
        let replay = CounterexampleReplay(a, b, inputs: inputs, outputs: outputs)

        if let latches = correspondingLatches(a, b) {
            let miter = Miter(a, b, inputs: inputs, outputs: outputs, latches: latches)
            switch prover.prove(miter.aig) {
            case .allZero: return .equivalent
            case .undecided(let reason): return .undecided(reason: reason)
            case .counterexample(let values, _):
                if !a.isSequential { return replay.result(inputs: [Array(values.prefix(a.inputCount))]) }
            }
        }
        // Sequential circuits: look for a difference reachable from reset.
        let miter = Miter(unrolling: a, b, steps: options.steps, inputs: inputs, outputs: outputs)
        switch prover.prove(miter.aig) {
        case .counterexample(let values, _):
            let perStep = (0..<options.steps).map { t in Array(values[(t * a.inputCount)..<((t + 1) * a.inputCount)]) }
            return replay.result(inputs: perStep)
        case .undecided(let reason):
            return .undecided(reason: "bounded check of \(options.steps) steps from reset: \(reason)")
        case .allZero:
            let why = correspondingLatches(a, b) == nil
                ? "the latches do not correspond (count, names or reset values)"
                : "outputs or next states differ for some latch values"
            return .undecided(reason: "\(why), but no output differs within \(options.steps) steps from reset")
        }
    }

    /// `aig` with its bad-state properties as outputs when it has no outputs
    /// and `other` has outputs but no properties: ABC writes the outputs of
    /// sequential circuits as bad-state properties.
    static func outputsFromBadProperties(_ aig: AIG, other: AIG) -> AIG {
        guard aig.outputs.isEmpty, !aig.bad.isEmpty, !other.outputs.isEmpty, other.bad.isEmpty else { return aig }
        var copy = aig
        copy.outputs = aig.bad
        copy.bad = []
        copy.names.outputs = aig.names.bad
        copy.names.bad = []
        return copy
    }

    /// The latch correspondence when the latches pair up with equal resets; nil otherwise.
    private func correspondingLatches(_ a: AIG, _ b: AIG) -> InterfaceMatch? {
        guard let match = try? InterfaceMatch("latch", first: (a.latchCount, a.names.latches),
                                              second: (b.latchCount, b.names.latches)) else { return nil }
        let resetsAgree = (0..<a.latchCount).allSatisfy { a.latches[$0].reset == b.latches[match.secondIndex[$0]].reset }
        return resetsAgree ? match : nil
    }
}
