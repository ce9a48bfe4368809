/// The value a latch holds before the first clock edge.
public enum LatchReset: Sendable, Hashable {
    case zero
    case one
    /// Uninitialised: AIGER writes the latch's own literal as its reset.
    /// Simulation starts such latches at 0.
    case uninitialized

    /// The reset value used by simulation (uninitialised latches start at 0).
    public var simulationValue: Bool { self == .one }
}

/// A latch (a D flip-flop): each clock step it takes the value of `next`.
public struct Latch: Sendable, Hashable {
    /// The literal computed in the current step that becomes the latch value in the next step.
    public var next: Literal
    public var reset: LatchReset

    public init(next: Literal, reset: LatchReset = .zero) {
        self.next = next
        self.reset = reset
    }
}
