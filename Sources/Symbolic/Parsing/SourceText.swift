/// The text of a program or a patch as it comes from a file or an agent: its lines, whatever
/// the line ends, and any part of it made safe to quote in a message.
public enum SourceText {
    /// The lines of `text`: a leading UTF-8 byte-order mark is skipped, and LF, CRLF and a lone
    /// CR each end a line (a Windows or classic Mac OS file reads like a Unix one).
    public static func lines(_ text: String) -> [Substring] {
        var body = Substring(text)
        if body.first == "\u{FEFF}" { body = body.dropFirst() }
        return body.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
    }

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
    /// (hexadecimal, as Swift writes it), so that a message stays on one line and shows what the
    /// text holds.
    public static func escaped(_ text: some StringProtocol) -> String {
        guard text.unicodeScalars.contains(where: isInvisible) else { return String(text) }
        var out = ""
        for scalar in text.unicodeScalars {
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
        return out
    }
}
