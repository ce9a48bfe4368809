import Testing
import Circuits

@Suite struct PatternSetTextTests {
    @Test func parsesLinesInSignalOrder() throws {
        let set = try PatternSet(parsing: "100\n011\n", signalCount: 3)
        #expect(set.patternCount == 2)
        #expect(set[0, 0] && !set[1, 0] && !set[2, 0])
        #expect(!set[0, 1] && set[1, 1] && set[2, 1])
    }

    @Test func acceptsCRLFAndAMissingFinalNewline() throws {
        let reference = try PatternSet(parsing: "10\n01\n", signalCount: 2)
        #expect(try PatternSet(parsing: "10\r\n01\r\n", signalCount: 2) == reference)
        #expect(try PatternSet(parsing: "10\n01", signalCount: 2) == reference)
        #expect(try PatternSet(parsing: "", signalCount: 2).patternCount == 0)
    }

    @Test(arguments: [1, 63, 64, 65, 130])
    func formatThenParseRoundTrips(patternCount: Int) throws {
        let set = PatternSet.random(signalCount: 7, patternCount: patternCount, seed: UInt64(patternCount))
        let text = set.formatted()
        #expect(text.split(separator: "\n").count == patternCount && text.hasSuffix("\n"))
        #expect(try PatternSet(parsing: text, signalCount: 7) == set)
    }

    @Test func formatsOnePatternPerLine() {
        var set = PatternSet(signalCount: 3, patternCount: 2)
        set[2, 0] = true
        set[0, 1] = true
        #expect(set.formatted() == "001\n100\n")
    }

    @Test func wrongLengthNamesTheLine() {
        #expect(throws: PatternError(line: 2, message: "expected 3 characters, found 2")) {
            try PatternSet(parsing: "101\n10\n111\n", signalCount: 3)
        }
    }

    @Test func badCharacterNamesLineAndColumn() {
        do {
            _ = try PatternSet(parsing: "101\n1x1\n", signalCount: 3)
            Issue.record("parsing a bad character succeeded")
        } catch {
            #expect(error.line == 2)
            #expect(error.description.contains("line 2") && error.description.contains("column 2"))
            #expect(error.description.contains("\"x\""))
        }
    }

    @Test func blankLineInTheMiddleIsAnError() {
        #expect(throws: PatternError.self) { try PatternSet(parsing: "10\n\n01\n", signalCount: 2) }
    }
}
