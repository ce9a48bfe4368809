extension AIG {
    /// Every literal the circuit exposes: outputs, latch next states, then
    /// bad-state, constraint, justice and fairness literals.
    public var rootLiterals: [Literal] {
        var roots = outputs
        roots.reserveCapacity(outputs.count + latches.count + bad.count + constraints.count + fairness.count)
        roots.append(contentsOf: latches.lazy.map(\.next))
        roots.append(contentsOf: bad)
        roots.append(contentsOf: constraints)
        for lits in justice { roots.append(contentsOf: lits) }
        roots.append(contentsOf: fairness)
        return roots
    }
}
