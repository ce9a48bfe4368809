/// Reads DIMACS CNF and textual DRAT, the formats of SAT competitions and of drat-trim. Both are outside
/// input: every number is range-checked and every error says where it is.
public enum DIMACSParser {
    public struct ParseError: Error, CustomStringConvertible, Equatable {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// Largest variable count accepted (literals are Int32).
    public static let maxVariables = Int(Int32.max - 1)

    /// Parses a DIMACS CNF: `c` comment lines, one `p cnf VARIABLES CLAUSES` header, then clauses of literals
    /// in `±1…±VARIABLES` each ended by 0 (a clause may span lines). The clause count must match the header.
    public static func cnf(_ bytes: [UInt8]) throws(ParseError) -> CNF {
        var scanner = Scanner(bytes)
        var header: (variables: Int, clauses: Int)?
        var cnf = CNF(variableCount: 0)
        var clause = [Int32]()
        while true {
            scanner.skipSpace()
            guard let c = scanner.peek else { break }
            if c == UInt8(ascii: "c") && clause.isEmpty { scanner.skipLine(); continue }
            if c == UInt8(ascii: "p") {
                guard header == nil else { throw ParseError(line: scanner.line, message: "a second `p` header") }
                guard clause.isEmpty else { throw ParseError(line: scanner.line, message: "the `p` header inside a clause") }
                scanner.index += 1
                guard try scanner.word() == "cnf" else { throw ParseError(line: scanner.line, message: "expected `p cnf VARIABLES CLAUSES`") }
                let v = try scanner.integer(), n = try scanner.integer()
                guard (0...Int64(maxVariables)).contains(v), (0...Int64(Int32.max)).contains(n) else {
                    throw ParseError(line: scanner.line, message: "header counts out of range (variables 0…\(maxVariables), clauses 0…\(Int32.max))")
                }
                header = (Int(v), Int(n))
                cnf = CNF(variableCount: Int(v))
                continue
            }
            guard let header else { throw ParseError(line: scanner.line, message: "a clause before the `p cnf` header") }
            let value = try scanner.integer()
            if value == 0 {
                guard cnf.clauseCount < header.clauses else {
                    throw ParseError(line: scanner.line, message: "more clauses than the header's \(header.clauses)")
                }
                cnf.add(clause)
                clause.removeAll(keepingCapacity: true)
                continue
            }
            guard value.magnitude <= UInt64(header.variables) else {
                throw ParseError(line: scanner.line, message: "literal \(value) outside ±1…±\(header.variables)")
            }
            clause.append(Int32(value))
        }
        guard let header else { throw ParseError(line: scanner.line, message: "no `p cnf` header") }
        guard clause.isEmpty else { throw ParseError(line: scanner.line, message: "the last clause has no terminating 0") }
        guard cnf.clauseCount == header.clauses else {
            throw ParseError(line: scanner.line, message: "\(cnf.clauseCount) clauses, the header says \(header.clauses)")
        }
        return cnf
    }

    /// Parses a textual DRAT proof over `variableCount` variables: lines of literals ended by 0, a deletion
    /// prefixed `d`, `c` comment lines. Binary DRAT is refused with the reason.
    public static func drat(_ bytes: [UInt8], variableCount: Int) throws(ParseError) -> DRATProof {
        if let first = bytes.first, first == 0x61 || (first == 0x64 && bytes.count > 1 && bytes[1] != UInt8(ascii: " ")) {
            throw ParseError(line: 1, message: "a binary DRAT proof: write it as text (CaDiCaL: --binary=false)")
        }
        var scanner = Scanner(bytes)
        var proof = DRATProof()
        var clause = [Int32]()
        var deleting = false
        while true {
            scanner.skipSpace()
            guard let c = scanner.peek else { break }
            if clause.isEmpty && !deleting {
                if c == UInt8(ascii: "c") { scanner.skipLine(); continue }
                if c == UInt8(ascii: "d") { scanner.index += 1; deleting = true; continue }
            }
            let value = try scanner.integer()
            if value == 0 {
                if deleting { proof.delete(clause) } else { proof.add(clause) }
                clause.removeAll(keepingCapacity: true)
                deleting = false
                continue
            }
            guard value.magnitude <= UInt64(variableCount) else {
                throw ParseError(line: scanner.line, message: "literal \(value) outside the formula's ±1…±\(variableCount)")
            }
            clause.append(Int32(value))
        }
        guard clause.isEmpty && !deleting else { throw ParseError(line: scanner.line, message: "the last step has no terminating 0") }
        return proof
    }

    /// A cursor over ASCII text that counts lines.
    struct Scanner {
        let bytes: [UInt8]
        var index = 0
        var line = 1

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipSpace() {
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\n"): line += 1
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): break
                default: return
                }
                index += 1
            }
        }

        mutating func skipLine() {
            while index < bytes.count && bytes[index] != UInt8(ascii: "\n") { index += 1 }
        }

        mutating func word() throws(ParseError) -> String {
            skipSpace()
            let start = index
            while index < bytes.count, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(bytes[index]) { index += 1 }
            return String(decoding: bytes[start ..< index], as: UTF8.self)
        }

        /// A decimal integer with an optional sign, at most 10 digits.
        mutating func integer() throws(ParseError) -> Int64 {
            skipSpace()
            var negative = false
            if index < bytes.count && bytes[index] == UInt8(ascii: "-") { negative = true; index += 1 }
            var value: Int64 = 0, digits = 0
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                guard digits < 10 else { throw ParseError(line: line, message: "a number of more than 10 digits") }
                value = value * 10 + Int64(bytes[index] - UInt8(ascii: "0"))
                digits += 1
                index += 1
            }
            guard digits > 0 else {
                let found = index < bytes.count ? "byte 0x\(String(bytes[index], radix: 16))" : "the end of the file"
                throw ParseError(line: line, message: "expected a number, found \(found)")
            }
            if index < bytes.count, ![UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\r")].contains(bytes[index]) {
                throw ParseError(line: line, message: "expected a space after a number, found byte 0x\(String(bytes[index], radix: 16))")
            }
            return negative ? -value : value
        }
    }
}
