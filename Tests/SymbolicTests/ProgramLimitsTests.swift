import Symbolic
import Testing

/// Every numeric field of a program outside its range is an error that names the field and its
/// range, and checking (or interpreting) such a program never traps (issue 30, item 1).
@Suite struct ProgramLimitsTests {
    static func errors(_ text: String) throws -> [String] {
        let (program, locations) = try SymbolicProgram.parse(text)
        return program.check(locations: locations).filter { $0.severity == .error }.map(\.description)
    }

    static let unembed = "unembed\n  order b:*\n"

    /// `window layers=2 span=0` with a shift and a head used to trap building `1...0`.
    @Test func aWindowOutsideItsRangeIsAnErrorNotATrap() throws {
        let body = "layer 1\n  shift p offset=1 copy=*\n  head h span=1 where {off<=0} copy=* as=o\n  rule q any {b:'a'} -> +q.h.b:'a'\nlayer 2\n" + Self.unembed
        for (window, message) in [("layers=2 span=0", "error: span must be in 1...64; got 0"),
                                  ("layers=2 span=-1", "error: span must be in 1...64; got -1"),
                                  ("layers=2 span=-9223372036854775807", "error: span must be in 1...64; got -9223372036854775807")] {
            let found = try Self.errors("symtx 1\nwindow \(window)\n" + body)
            #expect(found.first == message, "\(window): \(found)")
            #expect(!found.contains { $0.contains("1...0") || $0.contains("1...-") }, "\(window): \(found)")
        }
        let layers = try Self.errors("symtx 1\nwindow layers=0 span=4\n" + Self.unembed)
        #expect(layers.first == "error: layers must be in 1...4; got 0")
        #expect(throws: SymbolicInterpreter.InvalidProgram.self) {
            try SymbolicInterpreter(SymbolicProgram(parsing: "symtx 1\nwindow layers=2 span=0\n" + body))
        }
    }

    /// Each field of a layer item, out of range: one error naming the item, the field and the range.
    @Test(arguments: [
        ("shift p offset=0 copy=*", "shift p: offset must be in 1...4 (the span); got 0"),
        ("shift p offset=-3 copy=*", "shift p: offset must be in 1...4 (the span); got -3"),
        ("head h span=0 copy=* as=o", "head h: span must be in 1...4; got 0"),
        ("head h span=2 thresh=16 copy=* as=o", "head h: thresh must be in 0...15 (scores saturate at 15); got 16"),
        ("head h span=2 thresh=-1 copy=* as=o", "head h: thresh must be in 0...15 (scores saturate at 15); got -1"),
        ("head h span=2 top=0 copy=* as=o", "head h: top must be 1, 2 or 4; got 0"),
        ("head h span=2 where {off<=5} copy=* as=o", "head h: off<=5 compares with a distance outside 0...4"),
        ("head h span=2 where {off>=-1} copy=* as=o", "head h: off>=-1 compares with a distance outside 0...4"),
        ("head h span=2 where {word=8} copy=* as=o", "head h: word=8 compares with a distance outside 0...7"),
        ("head h span=2 bonus {off=1: +0} copy=* as=o", "head h: bonus 0 outside 1...64"),
        ("head h span=2 bonus {off=1: +65} copy=* as=o", "head h: bonus 65 outside 1...64"),
        ("rule r all {0*b:'a'} -> +z", "rule r: weight 0 outside 1...64"),
        ("rule r all {65*b:'a'} -> +z", "rule r: weight 65 outside 1...64"),
        ("rule r need -1 of {b:'a'} -> +z", "rule r: needs -1 of a total weight 1, so it is invalid"),
    ])
    func layerFieldsOutsideTheirRanges(item: String, message: String) throws {
        let found = try Self.errors("symtx 1\nwindow layers=1 span=4\nlabels\n  grouping word by b:' '\nlayer 1\n  \(item)\n" + Self.unembed)
        #expect(found.contains("6:3: error: " + message), "\(found)")
    }

    /// Weights whose sum overflows `Int` used to trap summing them: the weights are the error.
    @Test func weightsThatOverflowTheirSumAreErrors() throws {
        let found = try Self.errors("symtx 1\nwindow layers=1 span=4\nlayer 1\n  rule r all {9223372036854775807*b:'a', 9223372036854775807*b:'b'} -> +z\n" + Self.unembed)
        #expect(found == ["4:3: error: rule r: weight 9223372036854775807 outside 1...64", "4:3: error: rule r: weight 9223372036854775807 outside 1...64"])
    }

    @Test func betaMustBePositive() throws {
        #expect(try Self.errors("symtx 1\nwindow layers=1 span=4\nlayer 1\nunembed\n  order b:*\n  smooth dirichlet beta=0\n")
                == ["error: smooth: beta must be positive and finite; got 0.0"])
    }

    /// A program built in code can hold what the parser refuses: an empty byte range.
    @Test func anEmptyByteRangeBuiltInCodeIsAnError() throws {
        var program = try SymbolicProgram(parsing: "symtx 1\nwindow layers=1 span=4\nlayer 1\n" + Self.unembed)
        program.unembed = [.statement(.order([.byteRange(0x7A, 0x61)]), comment: nil)]
        #expect(program.check().map(\.description) == ["error: unembed: the byte range b:'z'..b:'a' is empty"])
        #expect(throws: SymbolicInterpreter.InvalidProgram.self) { try SymbolicInterpreter(program) }
    }
}
