/// A set of byte values, 256 bits.
public struct ByteSet: Sendable, Hashable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    public init() {}
    public init<S: Sequence>(_ bytes: S) where S.Element == UInt8 { for b in bytes { insert(b) } }

    public static let all = ByteSet(0...255)

    public func contains(_ byte: UInt8) -> Bool {
        let bit = UInt64(1) << UInt64(byte % 64)
        switch byte / 64 {
        case 0: return words.0 & bit != 0
        case 1: return words.1 & bit != 0
        case 2: return words.2 & bit != 0
        default: return words.3 & bit != 0
        }
    }

    public mutating func insert(_ byte: UInt8) {
        let bit = UInt64(1) << UInt64(byte % 64)
        switch byte / 64 {
        case 0: words.0 |= bit
        case 1: words.1 |= bit
        case 2: words.2 |= bit
        default: words.3 |= bit
        }
    }

    public var complement: ByteSet { ByteSet((0...255).filter { !contains($0) }) }
    public var count: Int { words.0.nonzeroBitCount + words.1.nonzeroBitCount + words.2.nonzeroBitCount + words.3.nonzeroBitCount }
    public var bytes: [UInt8] { (0...255).filter { contains($0) } }

    public static func == (a: ByteSet, b: ByteSet) -> Bool { a.words == b.words }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0); hasher.combine(words.1); hasher.combine(words.2); hasher.combine(words.3)
    }

    /// The set written as a character class, `[a-z]`, or `∁[…]` when the complement is shorter.
    public var description: String {
        func ranges(_ bytes: [UInt8]) -> String {
            var parts = [String](), i = 0
            while i < bytes.count {
                var j = i
                while j + 1 < bytes.count, bytes[j + 1] == bytes[j] + 1 { j += 1 }
                let a = Self.classCharacter(bytes[i]), b = Self.classCharacter(bytes[j])
                parts.append(j == i ? a : j == i + 1 ? a + b : a + "-" + b)
                i = j + 1
            }
            return "[" + parts.joined() + "]"
        }
        if count == 256 { return "any" }
        let direct = ranges(bytes), inverse = ranges(complement.bytes)
        return direct.count <= inverse.count + 1 ? direct : "[^" + inverse.dropFirst()
    }

    static func classCharacter(_ byte: UInt8) -> String {
        switch byte {
        case UInt8(ascii: "]"), UInt8(ascii: "\\"), UInt8(ascii: "-"), UInt8(ascii: "^"): return "\\" + String(UnicodeScalar(byte))
        default: return printableByte(byte)
        }
    }
}
