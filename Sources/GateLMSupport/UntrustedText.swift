/// Text from someone untrusted (an agent's argument, a path, a method name) as an error message
/// quotes it: in single quotes, at most `limit` characters (then `…`), control characters,
/// C1 controls and Unicode line separators escaped as `\u{…}`, so a message stays one
/// readable line whatever was sent.
public enum UntrustedText {
    public static func quoted(_ text: some StringProtocol, limit: Int = 60) -> String {
        var out = "'"
        var count = 0
        for scalar in text.unicodeScalars {
            if count == limit { out += "…"; break }
            count += 1
            if scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value) || scalar == "\u{2028}" || scalar == "\u{2029}" {
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "'"
    }
}
