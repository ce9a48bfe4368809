

/// Why a text is not JSON: the byte offset and what was expected there.
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public var offset: Int
    public var message: String
    public var description: String { "at byte \(offset): \(message)" }

    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }
}

/// A strict RFC 8259 parser over UTF-8 bytes, linear in the input: one pass, no backtracking,
/// nesting bounded by `maximumDepth` (deeper input is refused, not recursed into). Strings must
/// be valid UTF-8 with control characters escaped; a `\u` escape of a lone surrogate becomes
/// U+FFFD (a Swift string cannot hold one). A key given twice in one object is refused. A
/// number that overflows a double is refused.
public struct JSONParser {
    /// The deepest nesting of arrays and objects accepted.
    public static let maximumDepth = 64

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var depth = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The value of a whole JSON text.
    public static func parse(_ text: some Collection<UInt8>) throws(JSONParseError) -> JSONValue {
        let result: Result<JSONValue, JSONParseError> = withContiguousBytes(text) { buffer in
            var parser = JSONParser(buffer)
            do throws(JSONParseError) {
                parser.skipWhitespace()
                let value = try parser.value()
                parser.skipWhitespace()
                guard parser.index == buffer.count else { throw parser.error("unexpected \(parser.describeCurrent()) after the value") }
                return .success(value)
            } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// The value of member `key` of the object that `prefix` begins, read as far as the prefix
    /// goes: for answering a message too long to read whole (its `id` usually comes first).
    /// Nil when the prefix is not an object's beginning or ends before that member's value does.
    public static func member(_ key: String, ofTruncatedObject prefix: some Collection<UInt8>) -> JSONValue? {
        withContiguousBytes(prefix) { buffer in
            var parser = JSONParser(buffer)
            do throws(JSONParseError) {
                parser.skipWhitespace()
                guard parser.peek() == UInt8(ascii: "{") else { return nil }
                parser.index += 1
                parser.depth = 1
                while true {
                    parser.skipWhitespace()
                    let name = try parser.string()
                    parser.skipWhitespace()
                    try parser.expect(UInt8(ascii: ":"))
                    parser.skipWhitespace()
                    let value = try parser.value()
                    // A number that reaches the end of the prefix may go on past it.
                    if case .int = value, parser.index == buffer.count { return nil }
                    if case .double = value, parser.index == buffer.count { return nil }
                    if name == key { return value }
                    parser.skipWhitespace()
                    try parser.expect(UInt8(ascii: ","))
                }
            } catch { return nil }
        }
    }

    private static func withContiguousBytes<R>(_ text: some Collection<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = text.withContiguousStorageIfAvailable(body) { return result }
        return Array(text).withUnsafeBufferPointer(body)
    }

    // MARK: - Grammar

    private mutating func value() throws(JSONParseError) -> JSONValue {
        guard let byte = peek() else { throw error("unexpected end of input, expected a value") }
        switch byte {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw error("unexpected \(describeCurrent()), expected a value")
        }
    }

    private mutating func object() throws(JSONParseError) -> JSONValue {
        try enter()
        index += 1
        var members = [String: JSONValue]()
        skipWhitespace()
        if peek() == UInt8(ascii: "}") { index += 1; depth -= 1; return .object(members) }
        while true {
            skipWhitespace()
            let keyOffset = index
            guard peek() == UInt8(ascii: "\"") else { throw error("unexpected \(describeCurrent()), expected a member name in quotes") }
            let key = try string()
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            let member = try value()
            guard members.updateValue(member, forKey: key) == nil else {
                throw JSONParseError(offset: keyOffset, message: "the member name \(UntrustedText.quoted(key, limit: 40)) appears twice in one object")
            }
            skipWhitespace()
            guard let next = peek() else { throw error("unexpected end of input in an object, expected ',' or '}'") }
            index += 1
            if next == UInt8(ascii: "}") { depth -= 1; return .object(members) }
            guard next == UInt8(ascii: ",") else { index -= 1; throw error("unexpected \(describeCurrent()) in an object, expected ',' or '}'") }
        }
    }

    private mutating func array() throws(JSONParseError) -> JSONValue {
        try enter()
        index += 1
        var items = [JSONValue]()
        skipWhitespace()
        if peek() == UInt8(ascii: "]") { index += 1; depth -= 1; return .array(items) }
        while true {
            skipWhitespace()
            items.append(try value())
            skipWhitespace()
            guard let next = peek() else { throw error("unexpected end of input in an array, expected ',' or ']'") }
            index += 1
            if next == UInt8(ascii: "]") { depth -= 1; return .array(items) }
            guard next == UInt8(ascii: ",") else { index -= 1; throw error("unexpected \(describeCurrent()) in an array, expected ',' or ']'") }
        }
    }

    private mutating func enter() throws(JSONParseError) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth) arrays and objects") }
    }

    private mutating func string() throws(JSONParseError) -> String {
        try expect(UInt8(ascii: "\""))
        let start = index
        // Fast path: no escapes.
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                let s = try Self.decodeUTF8(UnsafeBufferPointer(rebasing: bytes[start..<index]), at: start)
                index += 1
                return s
            }
            if b == UInt8(ascii: "\\") || b < 0x20 { break }
            index += 1
        }
        var utf8 = Array(bytes[start..<index])
        while true {
            guard index < bytes.count else { throw error("unexpected end of input in a string") }
            let b = bytes[index]
            if b == UInt8(ascii: "\"") { index += 1; return try Self.decodeUTF8(utf8, at: start) }
            if b < 0x20 { throw error("control character 0x\(String(b, radix: 16)) in a string (escape it)") }
            if b != UInt8(ascii: "\\") { utf8.append(b); index += 1; continue }
            index += 1
            guard index < bytes.count else { throw error("unexpected end of input in an escape") }
            let e = bytes[index]
            index += 1
            switch e {
            case UInt8(ascii: "\""): utf8.append(0x22)
            case UInt8(ascii: "\\"): utf8.append(0x5C)
            case UInt8(ascii: "/"): utf8.append(0x2F)
            case UInt8(ascii: "b"): utf8.append(0x08)
            case UInt8(ascii: "f"): utf8.append(0x0C)
            case UInt8(ascii: "n"): utf8.append(0x0A)
            case UInt8(ascii: "r"): utf8.append(0x0D)
            case UInt8(ascii: "t"): utf8.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800...0xDBFF).contains(scalar) {
                    // A high surrogate: a low one must follow as another \u escape.
                    if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                        let save = index
                        index += 2
                        let low = try hex4()
                        if (0xDC00...0xDFFF).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            index = save
                            scalar = 0xFFFD
                        }
                    } else {
                        scalar = 0xFFFD
                    }
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    scalar = 0xFFFD
                }
                utf8.append(contentsOf: Array(String(Unicode.Scalar(scalar)!).utf8))
            default:
                index -= 1
                throw error("unknown escape \\\(Self.printable(e)) in a string")
            }
        }
    }

    private mutating func hex4() throws(JSONParseError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("unexpected end of input in a \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[index]
            let digit: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
            default: throw error("\\u must be followed by four hexadecimal digits")
            }
            v = v << 4 | digit
            index += 1
        }
        return v
    }

    private mutating func number() throws(JSONParseError) -> JSONValue {
        let start = index
        var integral = true
        if peek() == UInt8(ascii: "-") { index += 1 }
        guard let first = peek(), Self.isDigit(first) else { throw error("expected a digit in a number") }
        if first == UInt8(ascii: "0") { index += 1 } else { skipDigits() }
        if peek() == UInt8(ascii: ".") {
            integral = false
            index += 1
            guard let d = peek(), Self.isDigit(d) else { throw error("expected a digit after '.' in a number") }
            skipDigits()
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            integral = false
            index += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { index += 1 }
            guard let d = peek(), Self.isDigit(d) else { throw error("expected a digit in a number's exponent") }
            skipDigits()
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        if integral, let i = Int(text) { return .int(i) }
        guard let d = Double(text), d.isFinite else { throw JSONParseError(offset: start, message: "the number \(text.prefix(40)) is out of range") }
        return .double(d)
    }

    // MARK: - Bytes

    private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func skipDigits() { while let b = peek(), Self.isDigit(b) { index += 1 } }

    private static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    private mutating func expect(_ byte: UInt8) throws(JSONParseError) {
        guard peek() == byte else { throw error("unexpected \(describeCurrent()), expected '\(Character(Unicode.Scalar(byte)))'") }
        index += 1
    }

    private mutating func literal(_ word: StaticString) throws(JSONParseError) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count,
              word.withUTF8Buffer({ w in (0..<count).allSatisfy { bytes[index + $0] == w[$0] } }) else {
            throw error("unexpected \(describeCurrent()), expected a value")
        }
        index += count
    }

    private func error(_ message: String) -> JSONParseError { JSONParseError(offset: index, message: message) }

    private func describeCurrent() -> String {
        guard let b = peek() else { return "end of input" }
        return "'\(Self.printable(b))'"
    }

    private static func printable(_ b: UInt8) -> String {
        (0x20..<0x7F).contains(b) ? String(Character(Unicode.Scalar(b))) : "\\x" + (b < 16 ? "0" : "") + String(b, radix: 16)
    }


    private static func decodeUTF8(_ utf8: some Collection<UInt8>, at offset: Int) throws(JSONParseError) -> String {
        guard let s = String(validating: utf8, as: UTF8.self) else { throw JSONParseError(offset: offset, message: "a string that is not valid UTF-8") }
        return s
    }
}
