extension AIG {
    /// For every variable, how many times it is referenced: as a fanin of an
    /// AND, an output, a latch next state or a property literal.
    public func fanoutCounts() -> [Int32] {
        var count = [Int32](repeating: 0, count: variableCount)
        count.withUnsafeMutableBufferPointer { count in
            fanin0.withUnsafeBufferPointer { f0 in
                fanin1.withUnsafeBufferPointer { f1 in
                    for k in 0..<f0.count {
                        count[f0[k].variable] += 1
                        count[f1[k].variable] += 1
                    }
                }
            }
        }
        for root in rootLiterals { count[root.variable] += 1 }
        return count
    }
}
