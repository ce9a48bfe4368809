/// The literal-per-line sections shared by both formats: outputs, bad-state
/// properties, invariant constraints, justice properties (sizes, then
/// literals) and fairness constraints, with the line each section starts on.
struct AIGERPropertyLiterals {
    var outputs: [Literal] = []
    var bad: [Literal] = []
    var constraints: [Literal] = []
    var justice: [[Literal]] = []
    var fairness: [Literal] = []

    private var outputsLine = 0, badLine = 0, constraintsLine = 0, justiceLine = 0, fairnessLine = 0

    /// Reads the sections declared by `header`, checking every literal is at most `2M + 1`.
    static func read(_ header: AIGERHeader, _ scanner: inout AIGERScanner) throws(AIGERError) -> Self {
        var p = AIGERPropertyLiterals()
        let maxLiteral = header.maxLiteral
        p.outputsLine = scanner.line
        p.outputs = try readLiterals(header.outputs, "output literal", maxLiteral, &scanner)
        p.badLine = scanner.line
        p.bad = try readLiterals(header.bad, "bad-state literal", maxLiteral, &scanner)
        p.constraintsLine = scanner.line
        p.constraints = try readLiterals(header.constraints, "invariant constraint literal", maxLiteral, &scanner)
        var sizes: [Int] = []
        sizes.reserveCapacity(min(header.justice, scanner.remainingByteCount / 2))
        for _ in 0..<header.justice {
            let size = Int(try scanner.numberLine("the size of a justice property"))
            sizes.append(size)
        }
        p.justiceLine = scanner.line
        for size in sizes { p.justice.append(try readLiterals(size, "justice literal", maxLiteral, &scanner)) }
        p.fairnessLine = scanner.line
        p.fairness = try readLiterals(header.fairness, "fairness literal", maxLiteral, &scanner)
        return p
    }

    private static func readLiterals(
        _ count: Int, _ what: String, _ maxLiteral: UInt32, _ scanner: inout AIGERScanner
    ) throws(AIGERError) -> [Literal] {
        var literals: [Literal] = []
        literals.reserveCapacity(min(count, scanner.remainingByteCount / 2))
        for _ in 0..<count {
            let raw = try scanner.number(what)
            if raw > maxLiteral { throw scanner.failure(Self.outOfRange(raw, maxLiteral)) }
            try scanner.endOfLine(after: what)
            literals.append(Literal(raw: raw))
        }
        return literals
    }

    static func outOfRange(_ literal: UInt32, _ maxLiteral: UInt32) -> String {
        "literal \(literal) is out of range: M = \(maxLiteral / 2) allows literals up to \(maxLiteral)"
    }

    /// Calls `body` with every literal and the line it is on, in file order.
    func forEachLiteral<E: Error>(_ body: (Literal, Int) throws(E) -> Void) throws(E) {
        for (i, l) in outputs.enumerated() { try body(l, outputsLine + i) }
        for (i, l) in bad.enumerated() { try body(l, badLine + i) }
        for (i, l) in constraints.enumerated() { try body(l, constraintsLine + i) }
        var line = justiceLine
        for lits in justice {
            for l in lits { try body(l, line); line += 1 }
        }
        for (i, l) in fairness.enumerated() { try body(l, fairnessLine + i) }
    }

    /// Replaces every literal by `transform(literal)`.
    mutating func remap(_ transform: (Literal) -> Literal) {
        outputs = outputs.map(transform)
        bad = bad.map(transform)
        constraints = constraints.map(transform)
        justice = justice.map { $0.map(transform) }
        fairness = fairness.map(transform)
    }
}
