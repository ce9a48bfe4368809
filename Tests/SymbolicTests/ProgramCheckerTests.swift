import Symbolic
import Testing

/// The checker: each kind of meaningless program is reported, at the item's line, and a sound
/// program gets no finding.
@Suite struct ProgramCheckerTests {
    static func findings(_ body: String, layers: Int = 1, span: Int = 4) throws -> [String] {
        let (program, locations) = try SymbolicProgram.parse("symtx 1\nwindow layers=\(layers) span=\(span)\n" + body)
        return program.check(locations: locations).map(\.description)
    }

    static let unembed = "unembed\n  order b:*\n"

    @Test func soundProgramsHaveNoFindings() throws {
        #expect(try Self.findings("labels\n  group v = b:'a' | b:'e'\nlayer 1\n  shift p1 offset=1 copy=v\n  rule r all {p1.b:'a', v} -> +z\n" + Self.unembed) == [])
    }

    @Test func unknownLabelsAreErrors() throws {
        let found = try Self.findings("layer 1\n  rule r all {nothing} -> +z\n" + Self.unembed)
        #expect(found == ["4:3: error: r: unknown label nothing (not a byte label, a group, or written before it is read)"])
        // A label written in layer 1 is known to layer 2, not to layer 1 itself.
        let order = try Self.findings("layer 1\n  rule a any {z} -> +y\n  rule b any {b:'q'} -> +z\nlayer 2\n  rule c any {z} -> +w\n" + Self.unembed, layers: 2)
        #expect(order == ["4:3: error: a: unknown label z (not a byte label, a group, or written before it is read)"])
    }

    @Test func groupCyclesAreErrors() throws {
        let found = try Self.findings("labels\n  group a = b | b:'x'\n  group b = c\n  group c = a\nlayer 1\n" + Self.unembed)
        #expect(found == ["4:3: error: group cycle: a → b → c → a"])
    }

    @Test func limitsAreErrors() throws {
        #expect(try Self.findings("layer 1\n  shift p offset=5 copy=*\n" + Self.unembed).first == "4:3: error: shift p: offset must be in 1...4 (the span); got 5")
        #expect(try Self.findings("layer 1\n  head h span=2 top=3 copy=* as=o\n  rule q any {b:'a'} -> +q.h.b:'a'\n" + Self.unembed).first == "4:3: error: head h: top must be 1, 2 or 4; got 3")
        #expect(try Self.findings("layer 1\n  head h span=9 copy=* as=o\n" + Self.unembed).contains("4:3: error: head h: span must be in 1...4; got 9"))
        #expect(try Self.findings("layer 1\n  head h span=2 where {para=0} copy=* as=o\n" + Self.unembed).contains("4:3: error: head h: para is not a grouping (nor off)"))
        #expect(try Self.findings("layer 1\n" + Self.unembed, layers: 2).first == "error: the window declares 2 layers; the program has 1")
        #expect(try Self.findings("layer 1\n" + Self.unembed, span: 65).first == "error: span must be in 1...64; got 65")
        #expect(try Self.findings("layer 1\n").first == "error: the unembed section needs exactly one order line; it has 0")
    }

    @Test func warningsComeAfterErrors() throws {
        let found = try Self.findings("layer 1\n  head h span=2 copy=* as=o\n  rule r need 3 of {b:'a', b:'b'} -> +z\n  rule s any {nope} -> +z\n" + Self.unembed)
        #expect(found == ["6:3: error: s: unknown label nope (not a byte label, a group, or written before it is read)",
                          "4:3: warning: head h: no rule writes a query label q.h.X, so it never attends",
                          "5:3: warning: rule r: needs 3 of a total weight 2, so it never fires"])
    }

    @Test func backoffCyclesAreErrors() throws {
        let found = try Self.findings("layer 1\n  rule r any {b:'a'} -> +x +y\nunembed\n  order x > y\n  backoff x -> y\n  backoff y -> x\n")
        #expect(found.contains("error: backoff cycle: x → y → x"))
    }
}
