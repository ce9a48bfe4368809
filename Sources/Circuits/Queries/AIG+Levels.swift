extension AIG {
    /// The logic level of every variable: 0 for the constant, inputs and
    /// latches; `1 + max(level of fanins)` for an AND.
    public func levels() -> [Int32] {
        var level = [Int32](repeating: 0, count: variableCount)
        let first = firstAndVariable
        level.withUnsafeMutableBufferPointer { level in
            fanin0.withUnsafeBufferPointer { f0 in
                fanin1.withUnsafeBufferPointer { f1 in
                    for k in 0..<f0.count {
                        level[first + k] = 1 + max(level[f0[k].variable], level[f1[k].variable])
                    }
                }
            }
        }
        return level
    }

    /// The largest level over outputs, latch next states and properties
    /// (ABC's `lev`); 0 when there are none. Computes `levels()`.
    public var depth: Int {
        let level = levels()
        return Int(rootLiterals.lazy.map { level[$0.variable] }.max() ?? 0)
    }
}
