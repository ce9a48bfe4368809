import GateLMSupport

/// The header line `aag|aig M I L O A [B C J F]`.
struct AIGERHeader: Sendable, Hashable {
    var format: AIGERFormat
    var maxVariable = 0, inputs = 0, latches = 0, outputs = 0, ands = 0
    var bad = 0, constraints = 0, justice = 0, fairness = 0

    /// The largest literal the file may use, `2M + 1`.
    var maxLiteral: UInt32 { UInt32(2 * maxVariable + 1) }

    private static let fieldNames = [
        "M (the maximum variable index)", "I (the number of inputs)", "L (the number of latches)",
        "O (the number of outputs)", "A (the number of AND gates)", "B (the number of bad-state properties)",
        "C (the number of invariant constraints)", "J (the number of justice properties)",
        "F (the number of fairness constraints)",
    ]

    /// Reads and checks the header line.
    static func read(_ scanner: inout AIGERScanner) throws(AIGERError) -> AIGERHeader {
        let b = scanner.bytes
        guard b.count > 0 else {
            throw AIGERError(.line(1), "the file is empty: expected a header 'aag M I L O A' or 'aig M I L O A'")
        }
        let format: AIGERFormat
        if b.count >= 3 && b[0] == UInt8(ascii: "a") && b[1] == UInt8(ascii: "a") && b[2] == UInt8(ascii: "g") {
            format = .ascii
        } else if b.count >= 3 && b[0] == UInt8(ascii: "a") && b[1] == UInt8(ascii: "i") && b[2] == UInt8(ascii: "g") {
            format = .binary
        } else {
            throw AIGERError(.line(1), "expected the magic word 'aag' (ASCII) or 'aig' (binary) at the start of the header")
        }
        for _ in 0..<3 { scanner.advance() }
        var fields: [Int] = []
        while fields.count < fieldNames.count {
            if fields.count >= 5 && !scanner.atSpace { break }
            try scanner.space(after: fields.isEmpty ? "the magic word '\(format.magic)'" : "header field \(fieldNames[fields.count - 1])")
            fields.append(Int(try scanner.number("header field \(fieldNames[fields.count])")))
        }
        try scanner.endOfLine(after: "the header (at most 9 numbers: M I L O A B C J F)")
        var header = AIGERHeader(format: format)
        header.maxVariable = fields[0]; header.inputs = fields[1]; header.latches = fields[2]
        header.outputs = fields[3]; header.ands = fields[4]
        if fields.count > 5 { header.bad = fields[5] }
        if fields.count > 6 { header.constraints = fields[6] }
        if fields.count > 7 { header.justice = fields[7] }
        if fields.count > 8 { header.fairness = fields[8] }
        try header.check()
        return header
    }

    private func check() throws(AIGERError) {
        if maxVariable > Int(Int32.max) {
            throw AIGERError(.line(1), "M = \(maxVariable) is too large: literals up to 2M+1 must fit in 32 bits")
        }
        // Every count is bounded before any of them is added or allocated for: inputs take no bytes
        // in a binary file, so only a limit (and the machine's memory) bounds what 32 bytes can declare.
        // An ASCII file's M may be sparse (the reader renumbers), so there only what it defines counts.
        let counts = [format == .binary ? maxVariable : 0, inputs, latches, outputs, ands, bad, constraints, justice, fairness]
        for (value, name) in zip(counts, Self.fieldNames) where value > AIGERReader.maximumVariables {
            throw AIGERError(.line(1), "\(name) = \(value) is more than the \(AIGERReader.maximumVariables) this reader accepts")
        }
        let variables = inputs + latches + ands
        do { try MemoryBudget.check(variables + outputs + latches, bytesEach: AIGERReader.bytesPerVariable, for: "a circuit of \(variables) variables") }
        catch { throw AIGERError(.line(1), error.description) }
        let defined = inputs + latches + ands
        switch format {
        case .ascii where defined > maxVariable:
            throw AIGERError(.line(1), "M = \(maxVariable) is smaller than I + L + A = \(defined)")
        case .binary where defined != maxVariable:
            throw AIGERError(.line(1), "a binary file needs M = I + L + A, but M = \(maxVariable) and I + L + A = \(defined)")
        default:
            break
        }
    }
}
