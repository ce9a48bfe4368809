/// The inputs and latches a set of literals depends on structurally.
public struct StructuralSupport: Sendable, Hashable {
    /// Indices of the primary inputs, increasing.
    public var inputs: [Int]
    /// Indices of the latches (current-state values), increasing.
    public var latches: [Int]

    public init(inputs: [Int] = [], latches: [Int] = []) {
        self.inputs = inputs
        self.latches = latches
    }
}

/// The transitive fanin of some literals, stopping at inputs and latches.
public struct Cone: Sendable, Hashable {
    /// Every variable reached, the roots' own variables included.
    public var variables: VariableSet
    /// The inputs and latches in the cone.
    public var support: StructuralSupport
    /// Number of AND nodes in the cone.
    public var andCount: Int
}
