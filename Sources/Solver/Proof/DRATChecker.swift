/// Checks a DRAT refutation forward: every lemma must be RUP (unit propagation refutes its negation) or, failing
/// that, RAT on its first literal, and the proof must derive the empty clause. Independent of CaDiCaL: a second
/// implementation that certificates can be checked with when drat-trim is not installed.
///
/// Deletions are counted and ignored: keeping a clause never makes a wrong lemma RUP (every kept clause is
/// implied by the formula), so ignoring them is sound for RUP, and stricter than needed for RAT.
public struct DRATCheck: Sendable, Hashable, Codable {
    /// Whether the proof refutes the formula.
    public var verified: Bool
    public var variables: Int
    public var clauses: Int
    public var lemmas: Int
    /// Lemmas accepted as RAT (not RUP).
    public var ratLemmas: Int
    public var deletionsIgnored: Int
    /// When not verified: the 1-based step that failed (0: the proof ended without the empty clause; nil: the
    /// check stopped at its deadline, see `stopped`).
    public var failedStep: Int?
    /// Whether the deadline stopped the check before it decided (`verified` is then false).
    public var stopped = false
    public var message: String

    enum CodingKeys: String, CodingKey {
        case verified, variables, clauses, lemmas, ratLemmas = "rat_lemmas", deletionsIgnored = "deletions_ignored"
        case failedStep = "failed_step", stopped, message
    }

    /// Checks `proof` against `formula`; at `deadline` (checked between lemmas) it stops undecided.
    public init(formula: CNF, proof: DRATProof, deadline: ContinuousClock.Instant? = nil) {
        var checker = DRATChecker(variableCount: formula.variableCount)
        variables = formula.variableCount
        clauses = formula.clauseCount
        lemmas = 0
        ratLemmas = 0
        deletionsIgnored = 0
        failedStep = nil
        for clause in formula.clauses { checker.addClause(Array(clause)) }
        var step = 0
        for (delete, clause) in proof.steps {
            step += 1
            if delete { deletionsIgnored += 1; continue }
            if let deadline, ContinuousClock.now >= deadline {
                verified = false
                stopped = true
                message = "stopped at the deadline after \(lemmas) lemmas"
                return
            }
            lemmas += 1
            let lemma = Array(clause)
            if checker.isRUP(lemma) {
                // RUP.
            } else if checker.isRAT(lemma) {
                ratLemmas += 1
            } else {
                verified = false
                failedStep = step
                message = "step \(step) (\(lemma.isEmpty ? "the empty clause" : "lemma " + lemma.map(String.init).joined(separator: " "))) is neither RUP nor RAT"
                return
            }
            if lemma.isEmpty || checker.inconsistent {
                verified = true
                message = "verified: the formula is unsatisfiable (\(lemmas) lemmas checked, \(ratLemmas) by RAT)"
                return
            }
            checker.addClause(lemma)
        }
        verified = checker.inconsistent
        if verified {
            message = "verified: the formula is unsatisfiable (\(lemmas) lemmas checked, \(ratLemmas) by RAT)"
        } else {
            failedStep = 0
            message = "the proof ends without deriving the empty clause"
        }
    }
}

/// Unit propagation with two watched literals over a growing clause database.
struct DRATChecker {
    /// Literal index: 2·v for v, 2·v + 1 for −v.
    @inline(__always) static func index(_ l: Int32) -> Int { l > 0 ? 2 * Int(l) : 2 * Int(-l) + 1 }

    /// Each clause's literals, flat; `starts[c]` and `sizes[c]` locate clause c; positions 0 and 1 are watched.
    private var arena: [Int32] = []
    private var starts: [Int] = []
    private var sizes: [Int] = []
    /// Clauses watching each literal index.
    private var watches: [[Int32]]
    /// Clauses containing each literal index (for RAT).
    private var occurrences: [[Int32]]
    /// Value per variable: 1 true, −1 false, 0 unassigned.
    private var values: [Int8]
    private var trail: [Int32] = []
    private var head = 0
    /// Whether the top level is already contradictory (every lemma follows).
    private(set) var inconsistent = false

    init(variableCount: Int) {
        watches = [[Int32]](repeating: [], count: 2 * variableCount + 2)
        occurrences = [[Int32]](repeating: [], count: 2 * variableCount + 2)
        values = [Int8](repeating: 0, count: variableCount + 1)
    }

    @inline(__always) private func value(_ l: Int32) -> Int8 { l > 0 ? values[Int(l)] : -values[Int(-l)] }

    @inline(__always) private mutating func assign(_ l: Int32) {
        values[Int(l.magnitude)] = l > 0 ? 1 : -1
        trail.append(l)
    }

    /// Adds a clause at the top level: duplicates dropped, tautologies skipped; a unit is propagated.
    mutating func addClause(_ literals: [Int32]) {
        guard !inconsistent else { return }
        var clause = [Int32]()
        for l in literals where !clause.contains(l) {
            if clause.contains(-l) { return }   // a tautology
            clause.append(l)
        }
        let c = Int32(starts.count)
        for l in clause { occurrences[Self.index(l)].append(c) }
        // Watch two literals that are not false, if there are.
        var order = clause.filter { value($0) >= 0 } + clause.filter { value($0) < 0 }
        if order.count >= 2 {
            // A true literal first keeps the clause satisfied; else two unassigned ones.
            if let t = order.firstIndex(where: { value($0) > 0 }), t != 0 { order.swapAt(0, t) }
        }
        starts.append(arena.count)
        sizes.append(order.count)
        arena.append(contentsOf: order)
        if order.count >= 2 {
            watches[Self.index(order[0])].append(c)
            watches[Self.index(order[1])].append(c)
        }
        let free = order.prefix { value($0) >= 0 }.count
        if order.isEmpty || (free == 0) {
            inconsistent = true
        } else if (free == 1 || order.count == 1) && value(order[0]) == 0 {
            assign(order[0])
            if !propagate() { inconsistent = true }
        }
        head = trail.count
    }

    /// Propagates the trail from `head`; false on a conflict. The hot loop of every check: unsafe buffers,
    /// no allocation but the watch lists' growth.
    private mutating func propagate() -> Bool {
        var conflict = false
        let starts = self.starts, sizes = self.sizes
        arena.withUnsafeMutableBufferPointer { arena in
        values.withUnsafeMutableBufferPointer { values in
        starts.withUnsafeBufferPointer { starts in
        sizes.withUnsafeBufferPointer { sizes in
            @inline(__always) func value(_ l: Int32) -> Int8 { l > 0 ? values[Int(l)] : -values[Int(-l)] }
            while head < trail.count && !conflict {
                let falseLiteral = -trail[head]
                head += 1
                let w = Self.index(falseLiteral)
                var list = watches[w]
                watches[w] = []
                var i = 0, kept = 0
                list.withUnsafeMutableBufferPointer { list in
                    while i < list.count {
                        let c = Int(list[i])
                        i += 1
                        let start = starts[c], size = sizes[c]
                        if arena[start] == falseLiteral { arena.swapAt(start, start + 1) }
                        let other = arena[start]
                        if value(other) > 0 { list[kept] = Int32(c); kept += 1; continue }
                        var k = 2
                        while k < size && value(arena[start + k]) < 0 { k += 1 }
                        if k < size {
                            arena.swapAt(start + 1, start + k)
                            watches[Self.index(arena[start + 1])].append(Int32(c))
                            continue
                        }
                        list[kept] = Int32(c)
                        kept += 1
                        if value(other) < 0 {
                            conflict = true
                            while i < list.count { list[kept] = list[i]; kept += 1; i += 1 }
                            break
                        }
                        values[Int(other.magnitude)] = other > 0 ? 1 : -1
                        trail.append(other)
                    }
                }
                list.removeLast(list.count - kept)
                if watches[w].isEmpty { watches[w] = list } else { watches[w].append(contentsOf: list) }
            }
        }
        }
        }
        }
        return !conflict
    }

    /// Undoes every assignment above the top level (`level` entries of the trail).
    private mutating func backtrack(to level: Int) {
        while trail.count > level { values[Int(trail.removeLast().magnitude)] = 0 }
        head = level
    }

    /// Whether assuming every literal of `clause` false propagates to a conflict.
    mutating func isRUP(_ clause: [Int32]) -> Bool {
        if inconsistent { return true }
        let level = trail.count
        defer { backtrack(to: level) }
        for l in clause {
            let v = value(l)
            if v > 0 { return true }
            if v == 0 { assign(-l) }
        }
        return !propagate()
    }

    /// Whether `clause` is RAT on its first literal p: for every clause D holding ¬p, clause ∪ (D \ {¬p}) is RUP.
    mutating func isRAT(_ clause: [Int32]) -> Bool {
        guard let pivot = clause.first else { return false }
        for d in occurrences[Self.index(-pivot)] {
            let start = starts[Int(d)]
            let resolvent = clause + arena[start ..< start + sizes[Int(d)]].filter { $0 != -pivot }
            if resolvent.contains(where: { resolvent.contains(-$0) }) { continue }   // a tautology
            if !isRUP(resolvent) { return false }
        }
        return true
    }
}
