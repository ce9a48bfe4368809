/// Candidate equivalence classes for SAT sweeping: variables whose
/// simulation words are equal up to complement. Each variable has a fixed
/// phase (its value on the first pattern), so a node and its complement
/// land in the same class; counterexamples refine the classes.
struct CandidateClasses {
    /// Whether a variable's words are complemented before comparison.
    private(set) var phase: [Bool]
    /// Class of each variable, -1 when it is alone.
    private var classOf: [Int32]
    /// Members of each class in increasing variable order; the first is its representative.
    private var members: [[Int32]] = []
    /// Classes that may still have members at or after the sweep's current variable.
    private var active: [Int32] = []

    /// Groups `variableCount` variables by their `words` words in `values` (variable-major).
    init(values: [UInt64], words: Int, variableCount: Int) {
        phase = (0..<variableCount).map { values[$0 * words] & 1 != 0 }
        classOf = [Int32](repeating: -1, count: variableCount)
        var groups = [Signature: Int32]()
        var firstOfGroup = [Int32]()
        for v in 0..<variableCount {
            let mask: UInt64 = phase[v] ? ~0 : 0
            let key = Signature(words: (0..<words).map { values[v * words + $0] ^ mask })
            if let g = groups[key] {
                if firstOfGroup[Int(g)] >= 0 {
                    let first = firstOfGroup[Int(g)]
                    firstOfGroup[Int(g)] = -1 - Int32(members.count)
                    classOf[Int(first)] = Int32(members.count)
                    members.append([first])
                }
                let c = -1 - firstOfGroup[Int(g)]
                classOf[v] = c
                members[Int(c)].append(Int32(v))
            } else {
                groups[key] = Int32(firstOfGroup.count)
                firstOfGroup.append(Int32(v))
            }
        }
        active = (0..<Int32(members.count)).map { $0 }
    }

    /// Number of classes with at least two members.
    var count: Int { members.count }

    /// The representative of `variable`'s class when it comes before `variable`.
    func representative(of variable: Int) -> Int? {
        let c = classOf[variable]
        guard c >= 0 else { return nil }
        let r = Int(members[Int(c)][0])
        return r < variable ? r : nil
    }

    /// Splits classes by one more simulation word per variable (`values[v]`),
    /// considering only classes with members at or after `firstVariable`:
    /// earlier variables are settled.
    mutating func refine(with values: [UInt64], from firstVariable: Int) {
        var kept = [Int32]()
        kept.reserveCapacity(active.count)
        for c in active {
            let list = members[Int(c)]
            guard Int(list[list.count - 1]) >= firstVariable else { continue }
            let first = normalized(values, list[0])
            if list.allSatisfy({ normalized(values, $0) == first }) {
                kept.append(c)
                continue
            }
            // Group by word, keeping variable order inside each group.
            let sorted = list.sorted { (normalized(values, $0), $0) < (normalized(values, $1), $1) }
            var groups = [[Int32]]()
            for v in sorted {
                if let last = groups.last?.last, normalized(values, last) == normalized(values, v) {
                    groups[groups.count - 1].append(v)
                } else {
                    groups.append([v])
                }
            }
            for (g, group) in groups.enumerated() {
                if group.count == 1 { classOf[Int(group[0])] = -1; continue }
                let id = g == 0 ? c : Int32(members.count)
                if g != 0 { members.append([]) }
                members[Int(id)] = group
                for v in group { classOf[Int(v)] = id }
                kept.append(id)
            }
            if groups[0].count == 1 { members[Int(c)] = [] }
        }
        active = kept
    }

    private func normalized(_ values: [UInt64], _ v: Int32) -> UInt64 {
        phase[Int(v)] ? ~values[Int(v)] : values[Int(v)]
    }

    /// Simulation words as a dictionary key.
    private struct Signature: Hashable {
        var words: [UInt64]
    }
}
