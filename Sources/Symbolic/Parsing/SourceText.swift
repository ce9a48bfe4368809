/// The text of a program or a patch as it comes from a file or an agent, read as lines whatever
/// the line ends (what a message quotes of it is escaped by `UntrustedText.escaped`).
public enum SourceText {
    /// The lines of `text`: a leading UTF-8 byte-order mark is skipped, and LF, CRLF and a lone
    /// CR each end a line (a Windows or classic Mac OS file reads like a Unix one).
    public static func lines(_ text: String) -> [Substring] {
        var body = Substring(text)
        if body.first == "\u{FEFF}" { body = body.dropFirst() }
        return body.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
    }
}
