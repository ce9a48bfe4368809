/// A formula in conjunctive normal form with DIMACS literals (variable `v ≥ 1` is `v`, its complement `-v`),
/// stored flat: each clause's literals followed by 0.
public struct CNF: Sendable, Hashable {
    /// Variables are `1…variableCount`.
    public var variableCount: Int
    /// The clauses, each terminated by 0.
    public private(set) var literals: [Int32] = []
    public private(set) var clauseCount = 0

    public init(variableCount: Int) {
        self.variableCount = variableCount
    }

    /// Appends a clause (empty: the formula becomes unsatisfiable).
    public mutating func add(_ clause: [Int32]) {
        for l in clause {
            precondition(l != 0 && Int(l.magnitude) <= variableCount, "literal \(l) is not a variable of this formula")
        }
        literals.append(contentsOf: clause)
        literals.append(0)
        clauseCount += 1
    }

    /// The clauses in order.
    public var clauses: [ArraySlice<Int32>] {
        var result = [ArraySlice<Int32>]()
        result.reserveCapacity(clauseCount)
        var start = 0
        for (i, l) in literals.enumerated() where l == 0 {
            result.append(literals[start ..< i])
            start = i + 1
        }
        return result
    }

    /// The DIMACS text: `comments` as `c` lines, the `p cnf` header, one clause per line.
    public func dimacs(comments: [String] = []) -> [UInt8] {
        var out = DIMACSWriter()
        for comment in comments {
            for line in comment.split(separator: "\n", omittingEmptySubsequences: false) { out.append("c \(line)\n") }
        }
        out.append("p cnf \(variableCount) \(clauseCount)\n")
        out.appendClauses(literals)
        return out.bytes
    }
}

/// A DRAT proof: lemmas (clauses to add, each RUP or RAT on its first literal) and deletions, in order.
public struct DRATProof: Sendable, Hashable {
    /// Each step's literals followed by 0; `deletions[k]` says whether step k deletes.
    public private(set) var literals: [Int32] = []
    public private(set) var deletions: [Bool] = []

    public init() {}

    /// Number of steps (lemmas and deletions).
    public var stepCount: Int { deletions.count }
    /// Number of added lemmas.
    public var lemmaCount: Int { deletions.lazy.filter { !$0 }.count }

    /// Appends a lemma.
    public mutating func add(_ lemma: [Int32]) {
        literals.append(contentsOf: lemma)
        literals.append(0)
        deletions.append(false)
    }

    /// Appends a deletion.
    public mutating func delete(_ clause: [Int32]) {
        literals.append(contentsOf: clause)
        literals.append(0)
        deletions.append(true)
    }

    /// The steps in order.
    public var steps: [(delete: Bool, clause: ArraySlice<Int32>)] {
        var result = [(delete: Bool, clause: ArraySlice<Int32>)]()
        var start = 0, k = 0
        for (i, l) in literals.enumerated() where l == 0 {
            result.append((deletions[k], literals[start ..< i]))
            start = i + 1
            k += 1
        }
        return result
    }

    /// The textual DRAT format drat-trim reads: one step per line, deletions prefixed `d `.
    public func text() -> [UInt8] {
        var out = DIMACSWriter()
        var start = 0, k = 0
        for (i, l) in literals.enumerated() where l == 0 {
            if deletions[k] { out.append("d ") }
            out.appendClauses(literals[start ... i])
            start = i + 1
            k += 1
        }
        return out.bytes
    }
}

/// Fast DIMACS text output (formulas of millions of clauses).
struct DIMACSWriter {
    var bytes: [UInt8] = []

    mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// Appends 0-terminated clauses, one per line.
    mutating func appendClauses<C: Collection>(_ literals: C) where C.Element == Int32 {
        bytes.reserveCapacity(bytes.count + literals.count * 8)
        var digits = [UInt8](repeating: 0, count: 12)
        for l in literals {
            if l == 0 {
                bytes.append(UInt8(ascii: "0"))
                bytes.append(UInt8(ascii: "\n"))
                continue
            }
            if l < 0 { bytes.append(UInt8(ascii: "-")) }
            var m = l.magnitude, n = 0
            while m > 0 {
                digits[n] = UInt8(ascii: "0") + UInt8(m % 10)
                m /= 10
                n += 1
            }
            while n > 0 {
                n -= 1
                bytes.append(digits[n])
            }
            bytes.append(UInt8(ascii: " "))
        }
    }
}
