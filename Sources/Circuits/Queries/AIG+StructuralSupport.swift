extension AIG {
    /// For every output, the inputs and latches in its transitive fanin.
    ///
    /// Walks each output's cone depth first, visiting each node at most once
    /// per output, so the cost is the sum of the cone sizes.
    public func structuralSupport() -> [StructuralSupport] {
        var visited = [UInt32](repeating: 0, count: variableCount)   // output number + 1 when seen for that output
        var stack: [Int] = []
        let first = firstAndVariable
        var result: [StructuralSupport] = []
        result.reserveCapacity(outputCount)
        for (o, output) in outputs.enumerated() {
            let stamp = UInt32(o + 1)
            var support = StructuralSupport()
            stack.append(output.variable)
            visited[output.variable] = stamp
            while let v = stack.popLast() {
                if v >= first {
                    let a = fanin0[v - first].variable, b = fanin1[v - first].variable
                    if visited[a] != stamp { visited[a] = stamp; stack.append(a) }
                    if visited[b] != stamp { visited[b] = stamp; stack.append(b) }
                } else if v >= firstLatchVariable {
                    support.latches.append(v - firstLatchVariable)
                } else if v > 0 {
                    support.inputs.append(v - 1)
                }
            }
            support.inputs.sort()
            support.latches.sort()
            result.append(support)
        }
        return result
    }
}
