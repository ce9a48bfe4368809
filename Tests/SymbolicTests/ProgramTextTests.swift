import Symbolic
import Testing

/// The text a program comes in: CRLF or CR line ends and a UTF-8 byte-order mark are read like
/// LF, and an error message never prints a raw control character (issue 30, item 3).
@Suite struct ProgramTextTests {
    static let lf = ProgramFormatTests.canonical

    @Test(arguments: ["\r\n", "\r"])
    func crlfAndCrLineEndsReadLikeLF(end: String) throws {
        let expected = try SymbolicProgram.parse(Self.lf)
        let converted = Self.lf.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: end)
        let (program, locations) = try SymbolicProgram.parse(converted)
        #expect(program == expected.program)
        #expect(locations == expected.locations)
    }

    @Test func aByteOrderMarkIsSkipped() throws {
        let expected = try SymbolicProgram(parsing: Self.lf)
        #expect(try SymbolicProgram(parsing: "\u{FEFF}" + Self.lf) == expected)
        let crlf = Self.lf.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
        #expect(try SymbolicProgram(parsing: "\u{FEFF}" + crlf) == expected)
    }

    /// Line numbers count CRLF, CR and LF each as one line end (and a blank line between).
    @Test func errorsInACRLFFileNameTheirLine() {
        #expect(throws: ProgramSyntaxError(SourceLocation(line: 4, column: 1), "expected a section (labels, layer N, unembed), found 'bogus'")) {
            try SymbolicProgram(parsing: "symtx 1\r\nwindow layers=1 span=1\r\r\nbogus\r\n")
        }
    }

    /// Whether a message holds a scalar a terminal or a log would not show as itself.
    static func hasRawControl(_ s: String) -> Bool {
        s.unicodeScalars.contains {
            switch $0.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator: return true
            default: return false
            }
        }
    }

    @Test(arguments: [
        ("symtx 1\nwindow layers=1 span=1\u{0B}\n", "\\u{0B}"),
        ("symtx 1\nwindow layers=1 span=1 \u{FEFF}\n", "\\u{FEFF}"),
        ("symtx 1\n\u{FEFF}window layers=1 span=1\n", "\\u{FEFF}"),
        ("symtx 1\nwindow layers=1 span=1\nlayer 1\n  rule r any {b:'a'} -> +x\u{2028}y\n", "\\u{2028}"),
        ("symtx 1\nwindow layers=1 span=1\nlayer 1\n  rule r any {b:'a'} -> +x\u{85}\n", "\\u{85}"),
        ("symtx 1\nwindow layers=1 span=1\nlayer 1\n  rule r any {b:'a'} -> +x\ty\u{1B}[31m\n", "\\u{1B}"),
        ("symtx 1\nwindow layers=1 span=1\nlayer 1\n  rule r any {b:'a'} -> +x\u{7F}\n", "\\u{7F}"),
    ])
    func controlCharactersAreEscapedInMessages(text: String, escaped: String) {
        do {
            _ = try SymbolicProgram(parsing: text)
            Issue.record("parsed: \(text.debugDescription)")
        } catch {
            #expect(!Self.hasRawControl(error.description), "\(error.description.debugDescription)")
            #expect(error.message.contains(escaped), "\(error.description.debugDescription)")
        }
    }
}
