import Foundation
import Symbolic
import Testing

/// The `.symtx` text format: parse → print → parse is the identity, errors name their line and
/// column, and the two spellings of a byte label are one label.
@Suite struct ProgramFormatTests {
    /// A canonical program exercising every statement (it prints back unchanged).
    static let canonical = """
        symtx 1
        window layers=2 span=32

        labels
          group lower = b:'a'..b:'z'
          group upper = b:'A'..b:'Z'
          group letter = lower | upper
          group space = b:' ' | b:0a | b:09  # blank bytes
          group boundary = space | b:'.' | bos
          # positions: words and sentences
          grouping word by boundary
          grouping sentence by b:'.' | b:'!' | b:'?' | bos

        layer 1
          shift p1 offset=1 copy=*
          shift p2 offset=2 copy=letter,space
          rule w_the all {b:'e', p1.b:'h', p2.b:'t'} -> +w:the
          rule qdet any {b:'e', b:'a'} -> +q.det.w:the
          rule qind all {letter} -> +q.ind.p1.@self
          rule x need 2 of {b:'x', !p1.space, 3*letter} and not {space} -> +y -w:the

        layer 2
          head ind span=32 thresh=1 top=1 mode=recent copy=b:* as=ind
          head ctx query=q.det span=16 thresh=1 top=2 mode=best self=yes where {sentence=0} bonus {off=1: +2, word<=1: +1} copy=w:the as=ctx
          rule det any {w:the, y} -> +det
          rule after_det need 1 of {ctx.w:the, w:the} and not {letter} -> +predict_wordstart

        unembed
          order predict_wordstart > ind.b:* > y
          backoff predict_wordstart -> y
          smooth dirichlet beta=1.0

        """

    @Test func canonicalTextRoundTrips() throws {
        let program = try SymbolicProgram(parsing: Self.canonical)
        #expect(program.text == Self.canonical)
        #expect(try SymbolicProgram(parsing: program.text) == program)
        #expect(program.windowLength == 65 && program.layers.count == 2)
        #expect(program.check().isEmpty, "\(program.check())")
    }

    /// Free spacing, hex spellings and omitted defaults parse to the same program as the canonical text.
    @Test func spellingsNormalise() throws {
        let loose = Self.canonical
            .replacingOccurrences(of: "b:'a'..b:'z'", with: "b:61 .. b:7a")
            .replacingOccurrences(of: "p1.b:'h'", with: "p1.b:68")
            .replacingOccurrences(of: "head ind span=32 thresh=1 top=1 mode=recent", with: "head   ind span=32")
        #expect(loose != Self.canonical)
        #expect(try SymbolicProgram(parsing: loose) == SymbolicProgram(parsing: Self.canonical))
        #expect(try SymbolicProgram(parsing: loose).text == Self.canonical)
    }

    /// Random programs built from the pieces print and parse back to themselves.
    @Test func generatedProgramsRoundTrip() throws {
        var state: UInt64 = 0x5EED
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let names = ["a", "w:the", "p1.b:'x'", "det", "q.h.b:'#'", "x.y_z"]
        func label() -> Label {
            switch next(4) {
            case 0: return .byte(UInt8(next(256)))
            case 1: return .bos
            default: return .named(names[next(names.count)])
            }
        }
        for _ in 0..<200 {
            var rules = [SymbolicProgram.Item<SymbolicProgram.LayerStatement>]()
            for i in 0..<1 + next(4) {
                let forms: [SymbolicProgram.Rule.Form] = [.all, .any, .need(next(3))]
                var literals = [SymbolicProgram.Rule.Literal]()
                for _ in 0..<1 + next(3) { literals.append(.init(label(), negated: next(2) == 0, weight: 1 + next(3))) }
                let veto: [Label] = next(2) == 0 ? [] : [label()]
                let removes: [Label] = next(2) == 0 ? [] : [label()]
                let rule = SymbolicProgram.Rule(name: "r\(i)", form: forms[next(3)], literals: literals, veto: veto, adds: [label()], removes: removes)
                let comment: String? = next(3) == 0 ? "note \(next(9))" : nil
                rules.append(.statement(.rule(rule), comment: comment))
            }
            let program = SymbolicProgram(layerCount: 1, span: 1 + next(64),
                                          labels: [.statement(.group(name: "g", members: [.byteRange(0, UInt8(next(256))), .label(label())]), comment: nil)],
                                          layers: [.init(number: 1, items: rules)],
                                          unembed: [.statement(.order([.prefix("b:"), .label(label())]), comment: nil)])
            #expect(try SymbolicProgram(parsing: program.text) == program, "\(program.text)")
        }
    }

    /// The first error, with its line and column.
    @Test(arguments: [
        ("", "1:1", "empty program"),
        ("symtx 2\n", "1:7", "format version 2 is not supported"),
        ("symtx 1\nwindow layers=2 span=32\nlabels\n  group g = b:'a' |\n", "4:20", "expected a label or a pattern, found the end of the line"),
        ("symtx 1\nwindow layers=1 span=4\nlayer 2\n", "3:1", "expected layer 1, found layer 2"),
        ("symtx 1\nwindow layers=1 span=4\nlayer 1\n  rule r all {a} +b\n", "4:18", "expected '->', found '+b'"),
        ("symtx 1\nwindow layers=1 span=4\nlayer 1\n  head h span=2 mode=fast copy=* as=h\n", "4:17", "mode must be recent or best; got fast"),
        ("symtx 1\nwindow layers=1 span=4\nlayer 1\n  head h span=2 as=h\n", "4:21", "head h needs copy="),
        ("symtx 1\nwindow layers=1 span=4\nlabels\n  group g = b:'z'..b:'a'\n", "4:20", "the range b:'z'..b:'a' is empty"),
        ("symtx 1\nwindow layers=1 span=4\nlabels\n  group g = b:4\n", "4:13", "b: must be followed by two hex digits"),
        ("symtx 1\nwindow layers=1 span=4\nlabels\n  group g = a\n  group g = b\n", "5:3", "g is already defined at 4:3"),
        ("symtx 1\nwindow layers=1 span=4\nrule r any {a} -> +b\n", "3:1", "expected a section"),
    ])
    func syntaxErrorsNameTheirPlace(text: String, location: String, message: String) {
        do {
            _ = try SymbolicProgram(parsing: text)
            Issue.record("parsed: \(text)")
        } catch {
            #expect(error.location.description == location, "\(error)")
            #expect(error.message.contains(message), "\(error)")
        }
    }

    /// The README's example program parses, checks clean and runs.
    @Test func theReadmeExampleIsAValidProgram() throws {
        let readme = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../README.md").standardizedFileURL, encoding: .utf8)
        let section = try #require(readme.range(of: "**The format** (`.symtx`"))
        let rest = readme[section.upperBound...]
        let open = try #require(rest.range(of: "```\n")), close = try #require(rest[open.upperBound...].range(of: "```"))
        let program = try SymbolicProgram(parsing: String(rest[open.upperBound ..< close.lowerBound]))
        #expect(program.check().isEmpty, "\(program.check())")
        let interpreter = try SymbolicInterpreter(program)
        let trace = interpreter.run(Array("the cat. the hat".utf8))
        #expect(interpreter.predictionLabels.first == .named("after_the") && trace.layers.count == 3)
    }

    /// `#` inside a quoted byte is the byte, not a comment.
    @Test func aQuotedHashIsAByte() throws {
        let program = try SymbolicProgram(parsing: "symtx 1\nwindow layers=1 span=1\nlabels\n  group hash = b:'#'  # the hash byte\n")
        #expect(program.labels == [.statement(.group(name: "hash", members: [.label(.byte(0x23))]), comment: "the hash byte")])
    }
}
