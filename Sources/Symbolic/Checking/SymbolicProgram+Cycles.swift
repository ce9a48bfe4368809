/// The cycles among groups, found without recursion (a chain of thousands of groups is as deep).
extension SymbolicProgram {
    /// The first `limit` cycles among groups, each from its least name, and how many more there
    /// are, by an iterative depth-first search: linear in the groups and their members, plus
    /// the lengths of the cycles returned.
    static func groupCycles(_ groups: [String: [LabelPattern]], limit: Int = .max) -> (cycles: [[String]], more: Int) {
        enum State { case open, done }
        var state = [String: State](), cycles = [[String]](), more = 0
        // The open path, each group's place on it, and the next member each group will look at.
        var path = [String](), place = [String: Int](), next = [Int]()
        func enter(_ g: String) {
            state[g] = .open
            place[g] = path.count
            path.append(g)
            next.append(0)
        }
        for root in groups.keys.sorted() where state[root] == nil {
            enter(root)
            while let g = path.last {
                let members = groups[g] ?? [], k = next[next.count - 1]
                guard k < members.count else {
                    state[g] = .done
                    place[g] = nil
                    path.removeLast()
                    next.removeLast()
                    continue
                }
                next[next.count - 1] = k + 1
                guard case .label(.named(let m)) = members[k], groups[m] != nil else { continue }
                switch state[m] {
                case .open? where cycles.count >= limit:
                    more += 1
                case .open?:
                    let cycle = Array(path[place[m]!...]), least = cycle.min()!, i = cycle.firstIndex(of: least)!
                    cycles.append(Array(cycle[i...] + cycle[..<i]))
                case nil: enter(m)
                case .done?: break
                }
            }
        }
        return (cycles, more)
    }
}

extension SymbolicProgram {
    /// The cycles of the back-off chains (each label has at most one parent), each once, from its
    /// least label: every label is walked once, so a chain of thousands of labels is linear.
    static func backoffCycles(_ parents: [String: String]) -> [[String]] {
        var finished = Set<String>(), cycles = [[String]]()
        for start in parents.keys.sorted() where !finished.contains(start) {
            // Walk up from `start` until a label met before: on this walk (a cycle) or on an earlier one.
            var walk = [String](), place = [String: Int](), current: String? = start
            while let label = current, !finished.contains(label), place[label] == nil {
                place[label] = walk.count
                walk.append(label)
                current = parents[label]
            }
            if let label = current, let i = place[label] {
                let cycle = Array(walk[i...]), least = cycle.min()!, k = cycle.firstIndex(of: least)!
                cycles.append(Array(cycle[k...] + cycle[..<k]))
            }
            finished.formUnion(walk)
        }
        return cycles
    }
}
