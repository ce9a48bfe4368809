import Foundation
import SymbolicHarness
import Testing

/// Every field written to `log.tsv` stays on its line and in its column: tabs, CRLF, every
/// Unicode line and paragraph separator and every other control character become a space
/// (issue 30, item 4).
@Suite struct LogFieldTests {
    /// Each character that must not reach the log raw, between letters.
    static let breaking = ["\t", "\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}", "\u{00}", "\u{1B}", "\u{7F}", "\u{9F}"]

    @Test func everyLineBreakAndControlCharacterBecomesASpace() throws {
        let root = HarnessFixtures.directory()
        var store = try VersionStore(root: root, name: "p")
        let note = "a" + Self.breaking.joined(separator: "x") + "b"
        let role = "ed\u{2028}itor\r\n"
        try store.commit("one\n", parent: 0, devSmall: 1, dev: nil, status: .kept, role: role, note: note)
        try store.checkout(1, role: "agent", note: note)
        let expected = "a" + Array(repeating: " ", count: Self.breaking.count).joined(separator: "x") + "b"
        let reopened = try VersionStore(root: root, name: "p")
        #expect(reopened.log.count == 2)
        #expect(reopened.log.map(\.note) == [expected, expected])
        #expect(reopened.log[0].role == "ed itor ")
        // The file itself: a header and two lines of 8 fields, nothing but printable text and tabs.
        let data = try #require(FileManager.default.contents(atPath: root + "/p/log.tsv"))
        let text = String(decoding: data, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4 && lines.last == "")
        #expect(lines.dropLast().allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == 8 })
        #expect(!text.unicodeScalars.contains { $0 != "\t" && $0 != "\n" && $0.properties.generalCategory == .control })
        #expect(!text.unicodeScalars.contains { $0 == "\u{2028}" || $0 == "\u{2029}" })
    }
}
