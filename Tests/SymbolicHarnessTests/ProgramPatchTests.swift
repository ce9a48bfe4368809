import Symbolic
import SymbolicHarness
import Testing

/// The patch language: every command, and errors at the patch's line and column.
@Suite struct ProgramPatchTests {
    static let base = """
        symtx 1
        window layers=2 span=4

        labels
          group lower = b:'a'..b:'z'

        layer 1
          shift p1 offset=1 copy=b:*
          shift p2 offset=2 copy=b:*
          rule w_the all {b:'e', p1.b:'h', p2.b:'t'} -> +w:the  # the word
          rule det_rule any {b:'a', b:' '} -> +det

        layer 2
          rule after any {det} -> +predict

        unembed
          order predict
          smooth dirichlet beta=1.0

        """

    static func apply(_ patch: String) throws -> SymbolicProgram {
        try ProgramPatch(parsing: patch).apply(to: SymbolicProgram(parsing: base))
    }

    static func error(_ patch: String) -> PatchError? {
        do { _ = try apply(patch); return nil } catch let e as PatchError { return e } catch { return nil }
    }

    @Test func addsIntoEverySectionBesideNamedItems() throws {
        let p = try Self.apply("""
            add layer 1 after w_the
              rule x all {lower} -> +b
            add labels before lower
              group vowel = b:'a' | b:'e'
            add layer 2 before after
              # a comment line
              rule y any {b} -> +z
            add unembed
              backoff predict -> predict
            """)
        #expect(p.layers[0].items.compactMap(\.statement).map(\.name) == ["p1", "p2", "w_the", "x", "det_rule"])
        #expect(p.labels.compactMap(\.statement).map(\.name) == ["vowel", "lower"])
        #expect(p.layers[1].items.count == 3)
        #expect(p.layers[1].items[0] == .comment("a comment line"))
        #expect(p.unembed.count == 3)
    }

    @Test func addingLayerLPlusOneWidensTheWindow() throws {
        let p = try Self.apply("add layer 3\n  rule q any {predict} -> +q2\n")
        #expect(p.layerCount == 3 && p.layers.count == 3 && p.layers[2].number == 3)
        #expect(p.check().filter { $0.severity == .error }.isEmpty)
    }

    @Test func replaceKeepsTheCommentAndDeleteRemoves() throws {
        let p = try Self.apply("replace w_the\n  rule w_the all {b:'e', p1.b:'h'} -> +w:the\ndelete p2\n")
        let items = p.layers[0].items
        #expect(items.count == 3)
        guard case .statement(.rule(let r), let comment) = items[1] else { Issue.record("not a rule"); return }
        #expect(r.literals.count == 2 && comment == "the word")
    }

    @Test func setUnembedAndWindow() throws {
        let p = try Self.apply("set unembed\n  order det > predict\n  smooth dirichlet beta=0.5\nset window layers=2 span=8\n")
        #expect(p.unembed.count == 2 && p.span == 8)
        #expect(p.text.contains("order det > predict"))
    }

    @Test func errorsPointIntoThePatch() {
        // A bad item line: the parser's own message at the patch's line and column.
        let bad = Self.error("delete p2\nadd layer 1\n  rule x all {b:'e' -> +y\n")
        #expect(bad?.location == SourceLocation(line: 3, column: 21))
        #expect(Self.error("replace nothing\n  rule nothing any {b:'a'} -> +q\n")?.message == "there is no item named nothing")
        #expect(Self.error("add layer 1\n  rule det_rule any {b:'a'} -> +q\n")?.message.contains("already defined in layer 1") == true)
        #expect(Self.error("add layer 5\n  rule z any {b:'a'} -> +q\n")?.message.contains("the program has 2 layers") == true)
        #expect(Self.error("add layer 1 after lower\n  rule z any {b:'a'} -> +q\n")?.message == "lower is not an item of layer 1: it is in the labels section")
        #expect(Self.error("replace lower\n  rule z any {b:'a'} -> +q\n")?.message.contains("is a labels item") == true)
        #expect(Self.error("frobnicate x\n")?.location == SourceLocation(line: 1, column: 1))
        #expect(Self.error("add layer 1\n  layer 2\n")?.message.contains("expected one layer item") == true)
        #expect(Self.error("  rule z any {b:'a'} -> +q\n")?.location?.line == 1)
        #expect(Self.error("# only a comment\n")?.message == "the patch has no commands")
        #expect(Self.error("delete p1 p2\n")?.location == SourceLocation(line: 1, column: 11))
        #expect(Self.error("set window layers=1 span=4\n")?.message.contains("layer 2 still has items") == true)
        #expect(Self.error("set window layers=x span=4\n")?.location == SourceLocation(line: 1, column: 19))
    }
}

/// Patches in CRLF, CR or with a byte-order mark read like LF; `set window` refuses what the
/// checker refuses, with the field and its range, before any layer is added (issue 30, items 1 and 3).
@Suite struct ProgramPatchTextTests {
    static let patch = "add layer 1 after w_the\n  rule x all {lower} -> +b  # new\nset window layers=2 span=8\ndelete p2\n"

    @Test(arguments: ["\r\n", "\r"])
    func crlfAndCrPatchesApplyLikeLF(end: String) throws {
        let expected = try ProgramPatchTests.apply(Self.patch)
        let converted = Self.patch.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: end)
        #expect(try ProgramPatchTests.apply(converted) == expected)
        #expect(try ProgramPatchTests.apply("\u{FEFF}" + converted) == expected)
    }

    @Test func aBaseProgramInCRLFPatchesLikeLF() throws {
        let crlf = "\u{FEFF}" + ProgramPatchTests.base.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
        let patched = try ProgramPatch(parsing: Self.patch).apply(to: SymbolicProgram(parsing: crlf))
        #expect(patched == (try ProgramPatchTests.apply(Self.patch)))
    }

    @Test(arguments: [
        ("set window layers=2 span=0\n", "span must be in 1...64; got 0", 21),
        ("set window layers=2 span=65\n", "span must be in 1...64; got 65", 21),
        ("set window layers=5 span=4\n", "layers must be in 1...4; got 5", 12),
        ("set window layers=0 span=4\n", "layers must be in 1...4; got 0", 12),
        // Refused before 2^63 layers are appended.
        ("\r\nset window  layers=9223372036854775807 span=4\r\n", "layers must be in 1...4; got 9223372036854775807", 13),
    ])
    func setWindowValidatesLikeTheChecker(patch: String, message: String, column: Int) {
        let error = ProgramPatchTests.error(patch)
        #expect(error?.message == message)
        #expect(error?.location == SourceLocation(line: patch.hasPrefix("\r\n") ? 2 : 1, column: column))
    }

    @Test func controlCharactersAreEscapedInPatchErrors() {
        for (patch, escaped) in [("frob\u{0B}nicate x\n", "\\u{0B}"), ("add lab\u{1B}els\n  group v = b:'a'\n", "\\u{1B}"),
                                 ("add layer 1\n  rule x\u{2029} any {b:'a'} -> +y\n", "\\u{2029}"), ("delete \u{85}\n", "\\u{85}")] {
            let message = ProgramPatchTests.error(patch)?.description ?? ""
            #expect(message.contains(escaped), "\(message.debugDescription)")
            #expect(!message.unicodeScalars.contains { [.control, .format, .lineSeparator, .paragraphSeparator].contains($0.properties.generalCategory) },
                    "\(message.debugDescription)")
        }
    }
}
