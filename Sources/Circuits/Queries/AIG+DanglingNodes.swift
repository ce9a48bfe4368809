extension AIG {
    /// This AIG without the ANDs that no output, latch next state or property
    /// reaches. Inputs, latches, names and comments are kept; the remaining
    /// ANDs keep their order and are renumbered.
    public func removingDanglingNodes() -> AIG { removingDanglingNodesWithMap().aig }

    /// `removingDanglingNodes()` and the map from this AIG's variables to the result's
    /// (`nil` for a removed AND), for carrying node names across.
    public func removingDanglingNodesWithMap() -> (aig: AIG, variableMap: [Int?]) {
        let marks = reachableVariables(from: rootLiterals)
        let first = firstAndVariable
        var newVariable = Array(0..<first)   // constant, inputs and latches keep their numbers
        newVariable.reserveCapacity(variableCount)
        var f0: [Literal] = [], f1: [Literal] = []
        func remap(_ l: Literal) -> Literal { Literal(variable: newVariable[l.variable], complemented: l.isComplemented) }
        for k in 0..<andCount {
            guard marks[first + k] else {
                newVariable.append(0)   // never read: only unmarked ANDs read unmarked ANDs
                continue
            }
            newVariable.append(first + f0.count)
            f0.append(remap(fanin0[k]))
            f1.append(remap(fanin1[k]))
        }
        let map: [Int?] = newVariable.indices.map { v in v < first || marks[v] ? newVariable[v] : nil }
        let aig = AIG(unchecked: inputCount,
                   latches: latches.map { Latch(next: remap($0.next), reset: $0.reset) },
                   fanin0: f0, fanin1: f1, outputs: outputs.map(remap),
                   bad: bad.map(remap), constraints: constraints.map(remap),
                   justice: justice.map { $0.map(remap) }, fairness: fairness.map(remap),
                   names: names, comments: comments)
        return (aig, map)
    }
}
