/// A constraint on the context, written per position:
///
///     ctx[-1]='q'            the most recent byte is q (also ==)
///     ctx[-2] in [a-z]       a character class: ranges, ^ negates, \n \t \\ \] \- \xNN escapes
///     ctx[-3] not in printable
///     ctx[-1] != 0x20        bytes as 'c', 0xNN or decimal
///     ctx[-1][5]=1           one bit (0 = least significant)
///
/// Named sets: printable (0x20–0x7E), letter, upper, lower, digit, space
/// (space, \t, \n, \r), punct, any, pad (0x00, the padding byte). Constraints
/// are joined with `,`, `&&` or `and`.
public struct ContextConstraint: Sendable, Hashable {
    /// 1 = the most recent byte.
    public var position: Int
    /// The bytes allowed at `position` (a bit constraint is the set of bytes with that bit).
    public var allowed: ByteSet
    /// The constraint as written.
    public var text: String

    public struct ParseError: Error, CustomStringConvertible, Hashable {
        public var description: String
    }

    /// Parses a list of constraints for a window of `contextLength` bytes.
    public static func parse(_ text: String, contextLength: Int) throws(ParseError) -> [ContextConstraint] {
        var parser = Parser(Array(text.unicodeScalars), contextLength: contextLength, source: text)
        return try parser.constraints()
    }

    /// Named byte sets.
    public static let namedSets: [String: ByteSet] = [
        "printable": ByteSet(0x20...0x7E),
        "letter": ByteSet(Array(0x41...0x5A) + Array(0x61...0x7A)),
        "upper": ByteSet(0x41...0x5A),
        "lower": ByteSet(0x61...0x7A),
        "digit": ByteSet(0x30...0x39),
        "space": ByteSet([0x20, 0x09, 0x0A, 0x0D]),
        "punct": ByteSet((0x21...0x7E).filter { !(0x30...0x39).contains($0) && !(0x41...0x5A).contains($0) && !(0x61...0x7A).contains($0) }),
        "any": ByteSet.all,
        "pad": ByteSet([0]),
    ]

    /// Parses a single byte: `'c'`, a lone character, `0xNN` or a decimal.
    public static func parseByte(_ text: String) throws(ParseError) -> UInt8 {
        var parser = Parser(Array(text.unicodeScalars), contextLength: 1, source: text)
        parser.skipSpaces()
        let byte = try parser.byteLiteral(allowBareCharacter: true)
        parser.skipSpaces()
        guard parser.atEnd else { throw ParseError(description: "\(text.debugDescription) is not one byte (write 'c', 0xNN or a number 0-255)") }
        return byte
    }

    struct Parser {
        let s: [Unicode.Scalar]
        let contextLength: Int
        let source: String
        var i = 0

        init(_ s: [Unicode.Scalar], contextLength: Int, source: String) {
            self.s = s
            self.contextLength = contextLength
            self.source = source
        }

        var atEnd: Bool { i >= s.count }
        func peek(_ offset: Int = 0) -> Unicode.Scalar? { i + offset < s.count ? s[i + offset] : nil }

        func error(_ what: String) -> ParseError {
            ParseError(description: "constraint \(source.debugDescription), at character \(i + 1): \(what)")
        }

        mutating func skipSpaces() { while let c = peek(), c == " " || c == "\t" { i += 1 } }

        mutating func accept(_ word: String) -> Bool {
            let w = Array(word.unicodeScalars)
            guard i + w.count <= s.count, Array(s[i ..< i + w.count]) == w else { return false }
            i += w.count
            return true
        }

        mutating func expect(_ word: String) throws(ParseError) {
            guard accept(word) else { throw error("expected \(word)") }
        }

        mutating func number() throws(ParseError) -> Int {
            var digits = ""
            while let c = peek(), ("0"..."9").contains(c) { digits.unicodeScalars.append(c); i += 1 }
            guard !digits.isEmpty, digits.count < 10, let n = Int(digits) else { throw error("expected a number") }
            return n
        }

        mutating func constraints() throws(ParseError) -> [ContextConstraint] {
            var result = [ContextConstraint]()
            repeat {
                skipSpaces()
                result.append(try constraint())
                skipSpaces()
            } while accept(",") || accept("&&") || accept("and ")
            skipSpaces()
            guard atEnd else { throw error("unexpected \(String(String.UnicodeScalarView(s[i...])).debugDescription); join constraints with ','") }
            return result
        }

        mutating func constraint() throws(ParseError) -> ContextConstraint {
            let begin = i
            try expect("ctx[-")
            let position = try number()
            guard position >= 1 && position <= contextLength else {
                throw error("position ctx[-\(position)] is outside the window: the model reads ctx[-1] … ctx[-\(contextLength)]")
            }
            try expect("]")
            var allowed: ByteSet
            if accept("[") {
                let bit = try number()
                guard bit < 8 else { throw error("bit \(bit) is not in 0...7") }
                try expect("]")
                skipSpaces()
                guard accept("==") || accept("=") else { throw error("a bit constraint is ctx[-p][b]=0 or =1") }
                skipSpaces()
                let value = try number()
                guard value <= 1 else { throw error("a bit is 0 or 1") }
                allowed = ByteSet((0...255).filter { ($0 >> bit & 1) == value })
            } else {
                skipSpaces()
                let negated: Bool
                if accept("==") || accept("=") { negated = false }
                else if accept("!=") { negated = true }
                else if accept("not in") || accept("∉") { negated = true }
                else if accept("in") || accept("∈") { negated = false }
                else { throw error("expected =, !=, in or not in") }
                skipSpaces()
                allowed = try set()
                if negated { allowed = allowed.complement }
            }
            let text = String(String.UnicodeScalarView(s[begin ..< i]))
            return ContextConstraint(position: position, allowed: allowed, text: text)
        }

        mutating func set() throws(ParseError) -> ByteSet {
            if accept("[") { return try characterClass() }
            if let c = peek(), ("a"..."z").contains(c) {
                var word = ""
                while let c = peek(), ("a"..."z").contains(c) { word.unicodeScalars.append(c); i += 1 }
                guard let named = ContextConstraint.namedSets[word] else {
                    throw error("unknown set \(word); known: \(ContextConstraint.namedSets.keys.sorted().joined(separator: ", "))")
                }
                return named
            }
            return ByteSet([try byteLiteral(allowBareCharacter: false)])
        }

        mutating func byteLiteral(allowBareCharacter: Bool) throws(ParseError) -> UInt8 {
            if accept("'") {
                let byte = try classItem(quote: true)
                try expect("'")
                return byte
            }
            if accept("0x") || accept("0X") {
                var digits = ""
                while let c = peek(), c.properties.isASCIIHexDigit { digits.unicodeScalars.append(c); i += 1 }
                guard let value = UInt8(digits, radix: 16) else { throw error("0x needs one or two hex digits") }
                return value
            }
            if let c = peek(), ("0"..."9").contains(c), !(allowBareCharacter && s.count == 1) {
                let n = try number()
                guard n <= 255 else { throw error("byte \(n) is not in 0...255") }
                return UInt8(n)
            }
            if allowBareCharacter, let c = peek(), c.isASCII {
                i += 1
                return UInt8(c.value)
            }
            throw error("expected a byte: 'c', 0xNN or 0-255")
        }

        /// One character of a class or quote, with escapes; ASCII only (bytes above 0x7F as \xNN).
        mutating func classItem(quote: Bool) throws(ParseError) -> UInt8 {
            guard let c = peek() else { throw error("unexpected end") }
            i += 1
            if c == "\\" {
                guard let e = peek() else { throw error("unfinished escape") }
                i += 1
                switch e {
                case "n": return 0x0A
                case "t": return 0x09
                case "r": return 0x0D
                case "0": return 0
                case "x":
                    guard let a = peek(), let b = peek(1), let v = UInt8(String(a) + String(b), radix: 16) else { throw error("\\x needs two hex digits") }
                    i += 2
                    return v
                default:
                    guard e.isASCII else { throw error("only ASCII characters; write other bytes as \\xNN") }
                    return UInt8(e.value)
                }
            }
            guard c.isASCII else { throw error("only ASCII characters; write other bytes as \\xNN") }
            return UInt8(c.value)
        }

        mutating func characterClass() throws(ParseError) -> ByteSet {
            let negated = accept("^")
            var set = ByteSet()
            var first = true
            while true {
                guard let c = peek() else { throw error("unclosed [") }
                if c == "]" && !first { i += 1; break }
                first = false
                let low = try classItem(quote: false)
                if peek() == "-", let next = peek(1), next != "]" {
                    i += 1
                    let high = try classItem(quote: false)
                    guard low <= high else { throw error("range \(printableByte(low))-\(printableByte(high)) is backwards") }
                    for b in low...high { set.insert(b) }
                } else {
                    set.insert(low)
                }
            }
            return negated ? set.complement : set
        }
    }
}
