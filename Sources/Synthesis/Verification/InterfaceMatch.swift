/// How the signals of one kind (inputs, outputs or latches) of a second
/// circuit correspond to those of the first: by name when both circuits
/// name every signal of that kind, otherwise by position.
struct InterfaceMatch {
    /// `firstIndex[j]`: the first circuit's signal that the second's signal `j` matches.
    let firstIndex: [Int]
    /// `secondIndex[i]`: the second circuit's signal that the first's signal `i` matches.
    let secondIndex: [Int]
    /// Whether the signals were matched by name.
    let byName: Bool

    /// Matches `count` signals of kind `kind` ("input", "output", "latch").
    init(_ kind: String, first: (count: Int, names: [String?]), second: (count: Int, names: [String?])) throws(EquivalenceError) {
        guard first.count == second.count else {
            throw EquivalenceError("the first circuit has \(first.count) \(kind)s, the second \(second.count)")
        }
        let namesA = Self.completeNames(first.names, count: first.count)
        let namesB = Self.completeNames(second.names, count: second.count)
        guard let namesA, let namesB, first.count > 0 else {
            firstIndex = Array(0..<first.count)
            secondIndex = firstIndex
            byName = false
            return
        }
        var indexA = [String: Int]()
        for (i, name) in namesA.enumerated() { indexA[name] = i }
        var toFirst = [Int]()
        for name in namesB {
            guard let i = indexA.removeValue(forKey: name) else {
                throw EquivalenceError("\(kind) \(name.debugDescription) of the second circuit is not \(aOrAn(kind)) \(kind) of the first")
            }
            toFirst.append(i)
        }
        var toSecond = [Int](repeating: 0, count: first.count)
        for (j, i) in toFirst.enumerated() { toSecond[i] = j }
        firstIndex = toFirst
        secondIndex = toSecond
        byName = true
    }

    /// The names when every signal has one and no two share one, else nil.
    private static func completeNames(_ names: [String?], count: Int) -> [String]? {
        guard names.count == count else { return nil }
        let complete = names.compactMap { $0 }
        guard complete.count == count, Set(complete).count == count else { return nil }
        return complete
    }
}

private func aOrAn(_ word: String) -> String {
    word.first.map { "aeiou".contains($0) } == true ? "an" : "a"
}
