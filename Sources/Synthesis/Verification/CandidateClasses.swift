/// Candidate equivalence classes for SAT sweeping: variables whose
/// simulation words are equal up to complement. Each variable has a fixed
/// phase (its value on the first pattern), so a node and its complement
/// land in the same class; counterexamples refine the classes.
///
/// Storage is flat: each class is a contiguous range of `members`, in
/// increasing variable order, its first member the representative. A split
/// reorders a range in place and gives each part its own sub-range.
struct CandidateClasses {
    /// Whether a variable's words are complemented before comparison.
    private(set) var phase: [Bool]
    /// `~0` for variables with phase 1, else 0: XOR normalises a word.
    private var phaseMask: [UInt64]
    /// Class of each variable, -1 when it is alone.
    private var classOf: [Int32]
    private var members: [Int32] = []
    private var start: [Int32] = []
    private var length: [Int32] = []
    /// Classes that may still have members at or after the sweep's current variable.
    private var active: [Int32] = []
    /// Scratch space for splitting a class: (normalised word, variable).
    private var scratch: [(UInt64, Int32)] = []

    /// Groups `variableCount` variables by their `words` words in `values` (variable-major).
    init(values: [UInt64], words: Int, variableCount: Int) {
        phase = (0..<variableCount).map { values[$0 * words] & 1 != 0 }
        phaseMask = phase.map { $0 ? ~0 : 0 }
        classOf = [Int32](repeating: -1, count: variableCount)
        // Group variables by signature; groups of two or more become classes.
        var groupOf = [Signature: Int32]()
        var group = [Int32](repeating: -1, count: variableCount)
        var groupSize = [Int32]()
        for v in 0..<variableCount {
            let mask = phaseMask[v]
            let key = Signature(words: (0..<words).map { values[v * words + $0] ^ mask })
            if let g = groupOf[key] {
                group[v] = g
                groupSize[Int(g)] += 1
            } else {
                groupOf[key] = Int32(groupSize.count)
                group[v] = Int32(groupSize.count)
                groupSize.append(1)
            }
        }
        var classOfGroup = [Int32](repeating: -1, count: groupSize.count)
        var fill = [Int32]()
        for (g, size) in groupSize.enumerated() where size >= 2 {
            classOfGroup[g] = Int32(start.count)
            start.append(Int32(members.count))
            length.append(size)
            fill.append(Int32(members.count))
            members.append(contentsOf: repeatElement(0, count: Int(size)))
        }
        for v in 0..<variableCount {
            let c = classOfGroup[Int(group[v])]
            guard c >= 0 else { continue }
            classOf[v] = c
            members[Int(fill[Int(c)])] = Int32(v)
            fill[Int(c)] += 1
        }
        active = (0..<Int32(start.count)).map { $0 }
    }

    /// Number of classes with at least two members.
    var count: Int { start.count }

    /// The representative of `variable`'s class when it comes before `variable`.
    func representative(of variable: Int) -> Int? {
        let c = classOf[variable]
        guard c >= 0 else { return nil }
        let r = Int(members[Int(start[Int(c)])])
        return r < variable ? r : nil
    }

    /// Splits classes by one more simulation word per variable (`values[v]`),
    /// considering only classes with members at or after `firstVariable`:
    /// earlier variables are settled.
    mutating func refine(with values: [UInt64], from firstVariable: Int) {
        var kept = 0
        var parts = [Int32]()
        for index in active.indices {
            let c = Int(active[index])
            let s = Int(start[c]), n = Int(length[c])
            guard Int(members[s + n - 1]) >= firstVariable else { continue }
            if isUniform(c, values) {
                active[kept] = Int32(c)
                kept += 1
                continue
            }
            for k in s..<(s + n) {
                let v = Int(members[k])
                scratch.append((values[v] ^ phaseMask[v], Int32(v)))
            }
            scratch.sort { $0 < $1 }  // by word, then variable: each part stays in variable order
            var partStart = 0
            for k in 0..<n {
                members[s + k] = scratch[k].1
                guard k == n - 1 || scratch[k + 1].0 != scratch[k].0 else { continue }
                let partLength = k + 1 - partStart
                if partLength == 1 {
                    classOf[Int(scratch[k].1)] = -1
                } else {
                    let id = partStart == 0 ? c : start.count
                    if id != c {
                        start.append(0)
                        length.append(0)
                        parts.append(Int32(id))
                    }
                    start[id] = Int32(s + partStart)
                    length[id] = Int32(partLength)
                    for j in partStart...k { classOf[Int(scratch[j].1)] = Int32(id) }
                    if id == c {
                        active[kept] = Int32(c)
                        kept += 1
                    }
                }
                partStart = k + 1
            }
            scratch.removeAll(keepingCapacity: true)
        }
        active.removeSubrange(kept...)
        active.append(contentsOf: parts)
    }

    /// Whether every member of class `c` has the same normalised word.
    private func isUniform(_ c: Int, _ values: [UInt64]) -> Bool {
        let s = Int(start[c]), n = Int(length[c])
        return members.withUnsafeBufferPointer { m in
            values.withUnsafeBufferPointer { w in
                phaseMask.withUnsafeBufferPointer { p in
                    let v0 = Int(m[s]), first = w[v0] ^ p[v0]
                    for k in (s + 1)..<(s + n) {
                        let v = Int(m[k])
                        if w[v] ^ p[v] != first { return false }
                    }
                    return true
                }
            }
        }
    }

    /// Simulation words as a dictionary key.
    private struct Signature: Hashable {
        var words: [UInt64]
    }
}
