/// The optional end of an AIGER file, common to both formats: symbol table
/// lines (`i0 name`, `l3 name`, `o1 name`, `b0`, `c0`, `j0`, `f0`) and the
/// comment section (a line `c` followed by free text to the end of the file).
struct AIGERTrailer {
    var names = SymbolTable()
    var comments: [String] = []

    /// Reads symbol lines and comments until the end of the file.
    static func read(_ header: AIGERHeader, _ scanner: inout AIGERScanner) throws(AIGERError) -> Self {
        var trailer = AIGERTrailer()
        while let kind = scanner.current {
            if kind == UInt8(ascii: "c") {
                let next = scanner.position + 1 < scanner.bytes.count ? scanner.bytes[scanner.position + 1] : nil
                if next == nil || next == UInt8(ascii: "\n") {
                    scanner.advance()
                    _ = scanner.restOfLine()
                    trailer.comments = readComments(&scanner)
                    return trailer
                }
            }
            try trailer.readSymbol(kind, header, &scanner)
        }
        return trailer
    }

    private mutating func readSymbol(_ kind: UInt8, _ header: AIGERHeader, _ scanner: inout AIGERScanner) throws(AIGERError) {
        let start: AIGERError.Location = scanner.reportsByteOffsets ? .byteOffset(scanner.position) : .line(scanner.line)
        let what: String, count: Int
        switch kind {
        case UInt8(ascii: "i"): (what, count) = ("input", header.inputs)
        case UInt8(ascii: "l"): (what, count) = ("latch", header.latches)
        case UInt8(ascii: "o"): (what, count) = ("output", header.outputs)
        case UInt8(ascii: "b"): (what, count) = ("bad-state property", header.bad)
        case UInt8(ascii: "c"): (what, count) = ("invariant constraint", header.constraints)
        case UInt8(ascii: "j"): (what, count) = ("justice property", header.justice)
        case UInt8(ascii: "f"): (what, count) = ("fairness constraint", header.fairness)
        default:
            throw scanner.failure(
                "expected a symbol (i, l, o, b, c, j or f followed by an index and a name) or 'c' alone starting the comments, but found \(scanner.currentDescription)")
        }
        scanner.advance()
        let index = Int(try scanner.number("the \(what) index of a symbol"))
        if index >= count {
            throw scanner.failure("symbol for \(what) \(index), but the header declares only \(count)")
        }
        // Names are stored as one entry per item; a binary file can declare
        // billions of inputs in a few bytes, which no table in memory should follow.
        if count > 4 * scanner.bytes.count + (1 << 16) {
            throw scanner.failure("cannot keep names for \(count) \(what)s: too many for a file of \(scanner.bytes.count) bytes")
        }
        try scanner.space(after: "the symbol index")
        let text = scanner.restOfLine()
        if text.isEmpty { throw AIGERError(start, "the symbol for \(what) \(index) has an empty name") }
        let name = String(decoding: text, as: UTF8.self)
        func assign(_ names: inout [String?]) throws(AIGERError) {
            if index < names.count && names[index] != nil {
                throw AIGERError(start, "\(what) \(index) is named twice (\(names[index]!.debugDescription) and \(name.debugDescription))")
            }
            SymbolTable.set(&names, index, name, count: count)
        }
        switch kind {
        case UInt8(ascii: "i"): try assign(&names.inputs)
        case UInt8(ascii: "l"): try assign(&names.latches)
        case UInt8(ascii: "o"): try assign(&names.outputs)
        case UInt8(ascii: "b"): try assign(&names.bad)
        case UInt8(ascii: "c"): try assign(&names.constraints)
        case UInt8(ascii: "j"): try assign(&names.justice)
        default: try assign(&names.fairness)
        }
    }

    /// The rest of the file as lines (a final line end is optional).
    private static func readComments(_ scanner: inout AIGERScanner) -> [String] {
        var comments: [String] = []
        while !scanner.isAtEnd { comments.append(String(decoding: scanner.restOfLine(), as: UTF8.self)) }
        return comments
    }
}
