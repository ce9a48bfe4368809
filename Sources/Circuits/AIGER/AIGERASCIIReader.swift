/// Reads the body of an ASCII (`aag`) file.
///
/// ASCII files may number variables freely and list ANDs in any order, so
/// the reader records each definition, checks that every literal used is
/// defined, orders the ANDs topologically (rejecting combinational cycles)
/// and renumbers everything into the canonical AIG order.
struct AIGERASCIIReader {
    private let header: AIGERHeader
    private var definitions: AIGERVariableTable
    private var inputsLine = 2, latchesLine = 0, andsLine = 0
    private var latchNext: [Literal] = []
    private var latchResets: [LatchReset] = []
    /// ANDs in file order: defined variable and the two fanin literals as written.
    private var andVariable: [UInt32] = []
    private var andFanin0: [Literal] = []
    private var andFanin1: [Literal] = []

    init(header: AIGERHeader, fileSize: Int) {
        self.header = header
        definitions = AIGERVariableTable(maxVariable: header.maxVariable, fileSize: fileSize)
    }

    static func read(_ header: AIGERHeader, _ scanner: inout AIGERScanner) throws(AIGERError) -> AIG {
        var reader = AIGERASCIIReader(header: header, fileSize: scanner.bytes.count)
        return try reader.read(&scanner)
    }

    private mutating func read(_ scanner: inout AIGERScanner) throws(AIGERError) -> AIG {
        inputsLine = scanner.line
        for i in 0..<header.inputs {
            let lhs = try scanner.number("an input literal")
            try define(lhs, ordinal: i, "input", scanner)
            try scanner.endOfLine(after: "the input literal")
        }
        try readLatches(&scanner)
        var properties = try AIGERPropertyLiterals.read(header, &scanner)
        try readAnds(&scanner)
        let trailer = try AIGERTrailer.read(header, &scanner)
        try checkUsesAreDefined(properties)
        let order = try topologicalOrder()
        return buildAIG(order: order, properties: &properties, trailer: trailer)
    }

    // MARK: Sections

    private mutating func readLatches(_ scanner: inout AIGERScanner) throws(AIGERError) {
        latchesLine = scanner.line
        let expected = min(header.latches, scanner.remainingByteCount / 4)
        latchNext.reserveCapacity(expected)
        latchResets.reserveCapacity(expected)
        for j in 0..<header.latches {
            let lhs = try scanner.number("a latch literal")
            try define(lhs, ordinal: header.inputs + j, "latch", scanner)
            try scanner.space(after: "the latch literal")
            let next = try literal("the latch's next-state literal", &scanner)
            let reset = try scanner.optionalLatchReset(latch: "\(lhs)", literal: UInt32(lhs))
            try scanner.endOfLine(after: "the latch definition (literal, next state, optional reset)")
            latchNext.append(next)
            latchResets.append(reset)
        }
    }

    private mutating func readAnds(_ scanner: inout AIGERScanner) throws(AIGERError) {
        andsLine = scanner.line
        let expected = min(header.ands, scanner.remainingByteCount / 6)
        andVariable.reserveCapacity(expected)
        andFanin0.reserveCapacity(expected)
        andFanin1.reserveCapacity(expected)
        let first = header.inputs + header.latches
        for k in 0..<header.ands {
            let lhs = try scanner.number("an AND gate literal")
            try define(lhs, ordinal: first + k, "AND gate", scanner)
            try scanner.space(after: "the AND gate literal")
            let rhs0 = try literal("the AND gate's first fanin literal", &scanner)
            try scanner.space(after: "the first fanin literal")
            let rhs1 = try literal("the AND gate's second fanin literal", &scanner)
            try scanner.endOfLine(after: "the AND gate (literal and two fanin literals)")
            andVariable.append(lhs >> 1)
            andFanin0.append(rhs0)
            andFanin1.append(rhs1)
        }
    }

    /// A literal within `0...2M+1`.
    private func literal(_ what: String, _ scanner: inout AIGERScanner) throws(AIGERError) -> Literal {
        let raw = try scanner.number(what)
        if raw > header.maxLiteral { throw scanner.failure(AIGERPropertyLiterals.outOfRange(raw, header.maxLiteral)) }
        return Literal(raw: raw)
    }

    // MARK: Definitions

    /// Records that the variable of `lhs` is defined by definition `ordinal`.
    private mutating func define(_ lhs: UInt32, ordinal: Int, _ what: String, _ scanner: AIGERScanner) throws(AIGERError) {
        if lhs > header.maxLiteral { throw scanner.failure(AIGERPropertyLiterals.outOfRange(lhs, header.maxLiteral)) }
        if lhs & 1 != 0 { throw scanner.failure("\(what) literal \(lhs) is complemented (odd): a definition needs an even literal") }
        if lhs == 0 { throw scanner.failure("\(what) literal 0 is the constant false, which cannot be redefined") }
        let previous = definitions[lhs >> 1]
        if previous != 0 {
            throw scanner.failure("variable \(lhs >> 1) (literal \(lhs)) is defined twice: already by the \(describe(ordinal: Int(previous) - 1))")
        }
        definitions[lhs >> 1] = UInt32(ordinal + 1)
    }

    /// "input 3 on line 5" and the like for definition `ordinal`.
    private func describe(ordinal: Int) -> String {
        if ordinal < header.inputs { return "input on line \(inputsLine + ordinal)" }
        if ordinal < header.inputs + header.latches { return "latch on line \(latchesLine + ordinal - header.inputs)" }
        return "AND gate on line \(andsLine + ordinal - header.inputs - header.latches)"
    }

    private func checkDefined(_ literal: Literal, line: Int) throws(AIGERError) {
        if literal.variable != 0 && definitions[UInt32(literal.variable)] == 0 {
            throw AIGERError(.line(line), "literal \(literal.raw) is used but variable \(literal.variable) is never defined")
        }
    }

    private func checkUsesAreDefined(_ properties: AIGERPropertyLiterals) throws(AIGERError) {
        for j in latchNext.indices { try checkDefined(latchNext[j], line: latchesLine + j) }
        for k in andVariable.indices {
            try checkDefined(andFanin0[k], line: andsLine + k)
            try checkDefined(andFanin1[k], line: andsLine + k)
        }
        try properties.forEachLiteral { (literal, line) throws(AIGERError) in try checkDefined(literal, line: line) }
    }

    // MARK: Ordering and renumbering

    /// The AND index (file order) defining the variable of `literal`, or nil for constants, inputs and latches.
    private func andIndex(of literal: Literal) -> Int? {
        let ordinal = Int(definitions[UInt32(literal.variable)]) - 1 - header.inputs - header.latches
        return ordinal >= 0 ? ordinal : nil
    }

    /// AND indices in a topological order that keeps file order where it already is one.
    private func topologicalOrder() throws(AIGERError) -> [Int] {
        let count = andVariable.count
        var state = [UInt8](repeating: 0, count: count)   // 0 new, 1 on the stack, 2 done
        var order: [Int] = []
        order.reserveCapacity(count)
        var stack: [(and: Int, nextFanin: Int)] = []
        for root in 0..<count where state[root] == 0 {
            state[root] = 1
            stack.append((root, 0))
            while let (k, nextFanin) = stack.last {
                if nextFanin == 2 {
                    state[k] = 2
                    order.append(k)
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].nextFanin += 1
                guard let child = andIndex(of: nextFanin == 0 ? andFanin0[k] : andFanin1[k]) else { continue }
                switch state[child] {
                case 0:
                    state[child] = 1
                    stack.append((child, 0))
                case 1:
                    throw cycleError(through: child, stack: stack.map(\.and))
                default:
                    break
                }
            }
        }
        return order
    }

    private func cycleError(through child: Int, stack: [Int]) -> AIGERError {
        let start = stack.lastIndex(of: child) ?? 0
        var literals = stack[start...].map { String(2 * andVariable[$0]) }
        if literals.count > 8 { literals = Array(literals.prefix(8)) + ["…"] }
        literals.append(String(2 * andVariable[child]))
        return AIGERError(.line(andsLine + child),
                          "combinational cycle through AND gates \(literals.joined(separator: " -> "))")
    }

    private func buildAIG(order: [Int], properties: inout AIGERPropertyLiterals, trailer: AIGERTrailer) -> AIG {
        let inputs = header.inputs, latchTotal = header.latches
        var position = [Int](repeating: 0, count: order.count)
        for (p, k) in order.enumerated() { position[k] = p }
        func remap(_ l: Literal) -> Literal {
            if l.variable == 0 { return l }
            let ordinal = Int(definitions[UInt32(l.variable)]) - 1
            let variable = ordinal < inputs + latchTotal ? 1 + ordinal : 1 + inputs + latchTotal + position[ordinal - inputs - latchTotal]
            return Literal(variable: variable, complemented: l.isComplemented)
        }
        var fanin0: [Literal] = [], fanin1: [Literal] = []
        fanin0.reserveCapacity(order.count)
        fanin1.reserveCapacity(order.count)
        for k in order {
            let a = remap(andFanin0[k]), b = remap(andFanin1[k])
            fanin0.append(a.raw >= b.raw ? a : b)
            fanin1.append(a.raw >= b.raw ? b : a)
        }
        let latches = latchNext.indices.map { Latch(next: remap(latchNext[$0]), reset: latchResets[$0]) }
        properties.remap(remap)
        return AIG(unchecked: inputs, latches: latches, fanin0: fanin0, fanin1: fanin1,
                   outputs: properties.outputs, bad: properties.bad, constraints: properties.constraints,
                   justice: properties.justice, fairness: properties.fairness,
                   names: trailer.names, comments: trailer.comments)
    }
}
