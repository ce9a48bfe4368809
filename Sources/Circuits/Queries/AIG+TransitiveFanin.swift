extension AIG {
    /// The combinational transitive fanin of `roots`: every variable they
    /// reach through ANDs, stopping at inputs, latches and the constant.
    public func transitiveFanin(of roots: [Literal]) -> Cone {
        let marks = reachableVariables(from: roots)
        var support = StructuralSupport()
        var ands = 0
        for v in 1..<variableCount where marks[v] {
            switch node(ofVariable: v) {
            case .input(let i): support.inputs.append(i)
            case .latch(let j): support.latches.append(j)
            case .and: ands += 1
            case .constant: break
            }
        }
        return Cone(variables: VariableSet(marks: marks), support: support, andCount: ands)
    }

    /// `marks[v]` is true when `v` is in the transitive fanin of `roots`.
    func reachableVariables(from roots: [Literal]) -> [Bool] {
        var marks = [Bool](repeating: false, count: variableCount)
        var highest = 0
        for root in roots {
            precondition(root.variable <= maxVariable, "literal \(root) is not in this AIG")
            marks[root.variable] = true
            highest = max(highest, root.variable)
        }
        let first = firstAndVariable
        guard highest >= first else { return marks }
        marks.withUnsafeMutableBufferPointer { marks in
            fanin0.withUnsafeBufferPointer { f0 in
                fanin1.withUnsafeBufferPointer { f1 in
                    // ANDs only read smaller variables, so one sweep downwards finds the whole cone.
                    for v in stride(from: highest, through: first, by: -1) where marks[v] {
                        marks[f0[v - first].variable] = true
                        marks[f1[v - first].variable] = true
                    }
                }
            }
        }
        return marks
    }
}
