/// A label of the symbolic transformer: a byte's built-in label `b:NN`, the padding label `bos`,
/// or a named label (`w:the`, `p1.b:68`, `q.ind.p1.@self`, a group's name …).
public enum Label: Hashable, Sendable, Comparable, CustomStringConvertible {
    case byte(UInt8)
    case bos
    case named(String)

    /// The characters of a label name: `[a-z0-9_.:@']`, plus the quoted-byte sugar `b:'x'` inside names
    /// (`p1.b:'h'` is `p1.b:68`).
    static func isNameCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLowercase || c.isNumber || "_.:@".contains(c))
    }

    /// The canonical text: `b:'a'` for printable bytes (space included) other than quote and backslash, `b:0a`
    /// (two hex digits) for the rest, `bos`, or the name.
    public var description: String {
        switch self {
        case .byte(let b): return Self.byteText(b)
        case .bos: return "bos"
        case .named(let name): return name
        }
    }

    static func byteText(_ b: UInt8) -> String {
        if (0x20...0x7E).contains(b) && b != UInt8(ascii: "'") && b != UInt8(ascii: "\\") { return "b:'\(Character(UnicodeScalar(b)))'" }
        let hex = String(b, radix: 16)
        return "b:" + (hex.count == 1 ? "0" + hex : hex)
    }
}

/// What a copy list, a group member or an unembedding entry names: one label, a contiguous byte
/// range (`b:'a'..b:'z'`), every label with a prefix (`b:*`, `ind.b:*`), or every stored label (`*`).
public enum LabelPattern: Hashable, Sendable, CustomStringConvertible {
    case label(Label)
    case byteRange(UInt8, UInt8)
    /// Every label whose name starts with this prefix (`b:` for the byte labels).
    case prefix(String)
    case all

    public var description: String {
        switch self {
        case .label(let l): return l.description
        case .byteRange(let a, let b): return "\(Label.byteText(a))..\(Label.byteText(b))"
        case .prefix(let p): return p + "*"
        case .all: return "*"
        }
    }
}
