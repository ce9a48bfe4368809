/// A cursor over the bytes of an AIGER file: reads the format's tokens
/// (decimal numbers, single spaces, line ends, 7-bit delta codes) and turns
/// anything unexpected into an `AIGERError` at the current line, or at the
/// current byte offset once `reportsByteOffsets` is set.
struct AIGERScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var position = 0
    private(set) var line = 1
    /// Whether errors name byte offsets (inside and after a binary AND section).
    var reportsByteOffsets = false

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var isAtEnd: Bool { position >= bytes.count }
    var remainingByteCount: Int { bytes.count - position }

    /// The current byte, or nil at the end of the file.
    var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    // MARK: Errors

    /// An error at the current position.
    func failure(_ message: String) -> AIGERError {
        AIGERError(reportsByteOffsets ? .byteOffset(position) : .line(line), message)
    }

    /// An error at `offset`, a position already passed.
    func failure(_ message: String, atOffset offset: Int) -> AIGERError {
        AIGERError(.byteOffset(offset), message)
    }

    /// What the current byte is, for messages: `end of file`, `end of line`, `'x'` or `byte 0x07`.
    var currentDescription: String { Self.describe(current) }

    static func describe(_ byte: UInt8?) -> String {
        guard let byte else { return "end of file" }
        switch byte {
        case UInt8(ascii: "\n"): return "end of line"
        case UInt8(ascii: " "): return "a space"
        case 0x21...0x7E: return "'\(Character(Unicode.Scalar(byte)))'"
        default: return "byte 0x\(String(byte, radix: 16, uppercase: true))"
        }
    }

    // MARK: Text tokens

    /// Reads an unsigned decimal number that fits in 32 bits.
    mutating func number(_ what: String) throws(AIGERError) -> UInt32 {
        guard let first = current, first &- UInt8(ascii: "0") < 10 else {
            throw failure("expected \(what) but found \(currentDescription)")
        }
        var value = UInt64(first &- UInt8(ascii: "0"))
        position += 1
        while position < bytes.count {
            let digit = bytes[position] &- UInt8(ascii: "0")
            if digit >= 10 { break }
            value = value &* 10 &+ UInt64(digit)
            if value > UInt64(UInt32.max) { throw failure("\(what) is too large (more than 32 bits)") }
            position += 1
        }
        return UInt32(value)
    }

    /// Consumes one space.
    mutating func space(after what: String) throws(AIGERError) {
        guard current == UInt8(ascii: " ") else {
            throw failure("expected a space after \(what) but found \(currentDescription)")
        }
        position += 1
    }

    /// Consumes a line end.
    mutating func endOfLine(after what: String) throws(AIGERError) {
        guard current == UInt8(ascii: "\n") else {
            throw failure("expected end of line after \(what) but found \(currentDescription)")
        }
        position += 1
        line += 1
    }

    /// Whether the next byte is a space (without consuming it).
    var atSpace: Bool { current == UInt8(ascii: " ") }

    /// A number alone on its line.
    mutating func numberLine(_ what: String) throws(AIGERError) -> UInt32 {
        let value = try number(what)
        try endOfLine(after: what)
        return value
    }

    /// The bytes up to the next line end (consumed) or the end of the file.
    mutating func restOfLine() -> UnsafeBufferPointer<UInt8> {
        let start = position
        while position < bytes.count && bytes[position] != UInt8(ascii: "\n") { position += 1 }
        let text = UnsafeBufferPointer(rebasing: bytes[start..<position])
        if position < bytes.count {
            position += 1
            line += 1
        }
        return text
    }

    /// Skips one byte known to be present.
    mutating func advance() { position += 1 }

    /// The optional reset field after a latch's next-state literal (AIGER 1.9):
    /// absent or 0, 1, or the latch's own literal `lhs` for uninitialised.
    mutating func optionalLatchReset(latch name: String, literal lhs: UInt32) throws(AIGERError) -> LatchReset {
        guard atSpace else { return .zero }
        advance()
        let value = try number("the reset value of latch \(name)")
        switch value {
        case 0: return .zero
        case 1: return .one
        case lhs: return .uninitialized
        default:
            throw failure("the reset value of latch \(name) is \(value): it must be 0, 1 or the latch literal \(lhs)")
        }
    }
}

extension AIGERScanner {
    /// Moves to `offset` after bytes decoded elsewhere (the binary AND section, which has no lines).
    mutating func skip(to offset: Int) {
        precondition(offset >= position && offset <= bytes.count)
        position = offset
    }
}
