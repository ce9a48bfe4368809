import Foundation
import Testing
import Circuits

/// Every file in Fixtures/malformed must fail with one error that says where and what.
@Suite struct AIGERMalformedFileTests {
    static let directory = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/malformed")

    /// File name -> text the error's description must contain (location first).
    static let expectations: [String: String] = [
        "empty.aag": "line 1: the file is empty",
        "bad-magic.aag": "line 1: expected the magic word 'aag' (ASCII) or 'aig' (binary)",
        "header-missing-field.aag": "line 1: expected a space after header field O (the number of outputs) but found end of line",
        "header-not-a-number.aag": "line 1: expected header field I (the number of inputs) but found 'x'",
        "header-too-many-fields.aag": "line 1: expected end of line after the header (at most 9 numbers",
        "header-m-smaller-than-i-l-a.aag": "line 1: M = 1 is smaller than I + L + A = 2",
        "header-number-overflows-32-bits.aag": "line 1: header field M (the maximum variable index) is too large",
        "header-m-too-large-for-literals.aag": "line 1: M = 3000000000 is too large",
        "header-crlf-line-ends.aag": "line 1: expected end of line after the header (at most 9 numbers: M I L O A B C J F) but found byte 0xD",
        "input-odd-literal.aag": "line 2: input literal 3 is complemented (odd)",
        "input-constant-literal.aag": "line 2: input literal 0 is the constant false",
        "input-out-of-range.aag": "line 2: literal 4 is out of range: M = 1 allows literals up to 3",
        "input-defined-twice.aag": "line 3: variable 1 (literal 2) is defined twice: already by the input on line 2",
        "and-redefines-input.aag": "line 4: variable 1 (literal 2) is defined twice: already by the input on line 2",
        "and-odd-lhs.aag": "line 4: AND gate literal 5 is complemented (odd)",
        "and-undefined-fanin.aag": "line 4: literal 6 is used but variable 3 is never defined",
        "and-missing-fanin.aag": "line 4: expected a space after the first fanin literal but found end of line",
        "and-fanin-out-of-range.aag": "line 4: literal 9 is out of range: M = 2 allows literals up to 5",
        "and-cycle.aag": "line 4: combinational cycle through AND gates 4 -> 6 -> 4",
        "and-self-loop.aag": "line 4: combinational cycle through AND gates 4 -> 4",
        "output-undefined.aag": "line 3: literal 7 is used but variable 3 is never defined",
        "outputs-missing-lines.aag": "line 4: expected output literal but found end of file",
        "latch-bad-reset.aag": "line 3: the reset value of latch 4 is 7: it must be 0, 1 or the latch literal 4",
        "latch-missing-next.aag": "line 3: expected a space after the latch literal but found end of line",
        "justice-literal-out-of-range.aag": "line 4: literal 5 is out of range: M = 1 allows literals up to 3",
        "garbage-after-ands.aag": "line 4: expected a symbol (i, l, o, b, c, j or f followed by an index and a name) or 'c' alone starting the comments, but found 'x'",
        "symbol-index-out-of-range.aag": "line 4: symbol for input 1, but the header declares only 1",
        "symbol-for-missing-latch.aag": "line 4: symbol for latch 0, but the header declares only 0",
        "symbol-named-twice.aag": "line 5: input 0 is named twice (\"a\" and \"b\")",
        "symbol-empty-name.aag": "line 4: the symbol for input 0 has an empty name",
        "binary-m-not-i-plus-l-plus-a.aig": "line 1: a binary file needs M = I + L + A, but M = 5 and I + L + A = 2",
        "binary-truncated-header.aig": "line 1: expected a space after header field L (the number of latches) but found end of file",
        "binary-truncated-mid-delta.aig": "byte offset 17: the file ends inside the delta code of AND gate 0 (literal 4) that starts at byte offset 16",
        "binary-missing-and-gate.aig": "byte offset 18: the file ends inside the delta code of AND gate 1 (literal 6)",
        "binary-zero-first-delta.aig": "byte offset 16: AND gate 0 (literal 4): first delta is 0",
        "binary-first-delta-beyond-lhs.aig": "byte offset 16: AND gate 0 (literal 4): first delta 5 is larger than the literal itself",
        "binary-second-delta-too-large.aig": "byte offset 17: AND gate 0 (literal 4): second delta 3 is larger than the first fanin 2",
        "binary-delta-overflows-32-bits.aig": "byte offset 16: the delta code of AND gate 0 (literal 4) overflows 32 bits",
        "binary-delta-longer-than-5-bytes.aig": "byte offset 16: the delta code of AND gate 0 (literal 4) is longer than 5 bytes",
        "binary-latch-bad-reset.aig": "line 2: the reset value of latch 0 is 3: it must be 0, 1 or the latch literal 4",
        "binary-latch-line-with-literal.aig": "line 2: the reset value of latch 0 is 2: it must be 0, 1 or the latch literal 4",
        "binary-input-lines-present.aig": "byte offset 16: expected a symbol",
        "binary-output-out-of-range.aig": "line 2: literal 4 is out of range: M = 1 allows literals up to 3",
        "binary-garbage-after-ands.aig": "byte offset 23: expected a symbol (i, l, o, b, c, j or f followed by an index and a name) or 'c' alone starting the comments, but found byte 0x1",
    ]

    @Test func corpusIsCompleteAndLargeEnough() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)
        #expect(Set(files) == Set(Self.expectations.keys))
        #expect(files.count >= 25)
    }

    @Test(arguments: expectations.keys.sorted())
    func malformedFileGivesALocatedError(name: String) throws {
        let path = Self.directory.appendingPathComponent(name).path
        do {
            let aig = try AIGERReader.read(path: path)
            Issue.record("\(name) was accepted: \(aig)")
        } catch {
            let expected = try #require(Self.expectations[name])
            #expect(error.description.hasPrefix(path + ": "), "the error names the file")
            #expect(error.description.contains(expected), "\(name): \(error.description)")
        }
    }
}
