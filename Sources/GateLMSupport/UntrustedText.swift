/// Text that is quoted in a message but may hold anything (an agent's argument, a path, a
/// method name, a program's line): every invisible scalar escaped, so that a message stays on
/// one line and shows what the text holds.
public enum UntrustedText {
    /// Whether a scalar would not show as itself in a terminal or a log: a control character
    /// (tab and line breaks included), a format character (a byte-order mark, a bidirectional
    /// override …) or a Unicode line or paragraph separator.
    public static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }

    /// `text` with every invisible scalar written as an escape: `\t`, `\n`, `\r`, else `\u{XX}`
    /// (hexadecimal, as Swift writes it).
    public static func escaped(_ text: some StringProtocol) -> String {
        guard text.unicodeScalars.contains(where: isInvisible) else { return String(text) }
        var out = ""
        for scalar in text.unicodeScalars { append(scalar, to: &out) }
        return out
    }

    /// `text` escaped and in single quotes, at most `limit` characters (then `…`).
    public static func quoted(_ text: some StringProtocol, limit: Int = 60) -> String {
        var out = "'"
        for (count, scalar) in text.unicodeScalars.enumerated() {
            if count == limit { out += "…"; break }
            append(scalar, to: &out)
        }
        return out + "'"
    }

    private static func append(_ scalar: Unicode.Scalar, to out: inout String) {
        switch scalar {
        case "\t": out += "\\t"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case _ where isInvisible(scalar):
            let hex = String(scalar.value, radix: 16, uppercase: true)
            out += "\\u{" + (hex.count == 1 ? "0" + hex : hex) + "}"
        default: out.unicodeScalars.append(scalar)
        }
    }
}
