import Foundation
import Symbolic
import Testing

/// The shipped programs in examples/symbolic, each doing what its comments say.
@Suite struct ExampleProgramTests {
    static func load(_ name: String) throws -> SymbolicInterpreter {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../examples/symbolic/\(name).symtx")
        let program = try SymbolicProgram(parsing: try String(contentsOf: url.standardizedFileURL, encoding: .utf8))
        #expect(program.check().isEmpty, "\(name): \(program.check())")
        #expect(try SymbolicProgram(parsing: program.text) == program)
        return try SymbolicInterpreter(program)
    }

    static func holds(_ label: Label, at i: Int, _ interpreter: SymbolicInterpreter, _ trace: LabelTrace) -> Bool {
        guard let n = interpreter.universe.number(of: label) else { return false }
        return trace.labelNumbers(at: i, afterLayer: trace.layers.count - 1).contains(n)
    }

    /// The Shakespeare program: its three-byte induction head predicts what followed the last
    /// earlier occurrence of the last three bytes, and the class contexts cover every other byte.
    @Test func theShakespeareProgramsHeadsAndContexts() throws {
        let interpreter = try Self.load("shakespeare")
        let text = Array("to be, or not to be: that is the question".utf8)
        let trace = interpreter.run(text)
        let winners = interpreter.winners(trace)
        // Target 17 (the second "be"'s b) follows "to " again: ind3 copies the 'b'.
        let label = interpreter.predictionLabels[Int(winners[17])]
        #expect(label == .named("ind3.b:'b'"), "\(label)")
        // No target falls back to the unigram: some class context always holds.
        #expect(winners.dropFirst().allSatisfy { Int($0) < interpreter.predictionLabels.count })
    }

    @Test func theWordRecogniserMarksEveryThe() throws {
        let interpreter = try Self.load("word-recogniser")
        let text = Array("the other theme, then lathe".utf8)
        let trace = interpreter.run(text)
        let expected = (2..<text.count).filter { text[$0 - 2] == UInt8(ascii: "t") && text[$0 - 1] == UInt8(ascii: "h") && text[$0] == UInt8(ascii: "e") }
        #expect((0..<text.count).filter { Self.holds(.named("w:the"), at: $0, interpreter, trace) } == expected && expected.count == 5)
    }

    /// Bytes drawn from "abcdefg h" by a fixed LCG: short repeats, so heads find matches.
    static func randomText(count: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Array("abcdefg h".utf8)[Int(state >> 33) % 9]
        }
    }

    /// Against a direct computation on random text: at each position, ind.b:X for X the byte that
    /// followed the last earlier occurrence (within 32) of the current byte, or ind.none.
    @Test func theInductionHeadCopiesWhatFollowedTheLastOccurrence() throws {
        let interpreter = try Self.load("induction-head")
        let text = Self.randomText(count: 600, seed: 7)
        let trace = interpreter.run(text)
        for i in text.indices {
            // Keys j in [i − 32, i − 1] with text[j − 1] == text[i]; the nearest.
            let key = stride(from: i - 1, through: max(i - 32, 1), by: -1).first { text[$0 - 1] == text[i] }
            if let key {
                #expect(Self.holds(.named("ind." + Label.byte(text[key]).description), at: i, interpreter, trace), "position \(i)")
            } else {
                #expect(Self.holds(.named("ind.none"), at: i, interpreter, trace), "position \(i)")
            }
        }
    }

    /// The 4-head program's two extra heads, against a direct computation on random text. A
    /// candidate j scores one per key matching the query at i: ind3x's are the three bytes before
    /// j against my byte and the two before it (the best score ≥ 2, ties to the nearer), ind1's the
    /// two bytes before j against my byte and the one before it (the nearest score ≥ 1).
    @Test func theFourHeadProgramsSkipGramAndLooseHeads() throws {
        let interpreter = try Self.load("shakespeare-4-heads")
        let text = Self.randomText(count: 500, seed: 11)
        let trace = interpreter.run(text)
        func matches(_ j: Int, _ i: Int, keys: Int) -> Int {
            (1...keys).filter { k in j - k >= 0 && i - k + 1 >= 0 && text[j - k] == text[i - k + 1] }.count
        }
        func copied(_ head: String, _ pick: Int?) -> Label {
            .named(head + "." + (pick.map { Label.byte(text[$0]).description } ?? "none"))
        }
        var skipGramPicks = 0
        for i in text.indices {
            let candidates = Array(stride(from: i - 1, through: max(i - 32, 0), by: -1))   // nearest first
            let best = candidates.map { matches($0, i, keys: 3) }.max() ?? 0
            let skipGram = best >= 2 ? candidates.first { matches($0, i, keys: 3) == best } : nil
            let loose = candidates.first { matches($0, i, keys: 2) >= 1 }
            if let skipGram, matches(skipGram, i, keys: 3) == 2 { skipGramPicks += 1 }
            #expect(Self.holds(copied("ind3x", skipGram), at: i, interpreter, trace), "ind3x at \(i)")
            #expect(Self.holds(copied("ind1", loose), at: i, interpreter, trace), "ind1 at \(i)")
        }
        #expect(skipGramPicks > 50)   // the skip-gram head often picks where only two keys match
    }

    /// After "the " or "a ", predict_wordstart holds, and its fitted row favours letters over spaces.
    @Test func afterADeterminerAWordStarts() throws {
        let interpreter = try Self.load("after-determiner")
        let text = Array(String(repeating: "the cat saw a dog and the bird a cat ", count: 20).utf8)
        let trace = interpreter.run(text)
        let marked = (0..<text.count).filter { Self.holds(.named("predict_wordstart"), at: $0, interpreter, trace) }
        // "the |", "a |" in each repetition (the first 'the' has padding, not a space, before it).
        let expected = (3..<text.count).filter { i in
            text[i] == 32 && ((i >= 4 && Array(text[(i - 4)..<i]) == Array(" the".utf8)) || (i >= 3 && Array(text[(i - 3)..<i]) == Array("the".utf8) && i == 3)
                || (i >= 2 && Array(text[(i - 2)..<i]) == Array(" a".utf8)))
        }
        #expect(marked == expected, "\(marked.prefix(10)) vs \(expected.prefix(10))")
        let winners = interpreter.winners(trace)
        let rows = try FittedRows(interpreter: interpreter, winners: winners, text: text, fit: 0..<text.count)
        let row = rows.rows[0], letters = (UInt8(ascii: "a")...UInt8(ascii: "z")).reduce(0.0) { $0 + row[Int($1)] }
        #expect(letters > 0.9 && letters > 10 * row[Int(UInt8(ascii: " "))])
    }

    /// With no digit in reach, the head selects nothing: num.none fires, the winner falls back,
    /// and the loss stays finite.
    @Test func theNoMatchPathFallsBack() throws {
        let interpreter = try Self.load("no-match")
        let text = Array("x=1 y=2 and then a long stretch = with nothing".utf8)
        let trace = interpreter.run(text)
        let last = text.count - 1
        let fallsBack = Self.holds(.named("num.none"), at: last, interpreter, trace) && Self.holds(.named("fallback"), at: last, interpreter, trace)
        #expect(fallsBack)
        // The '=' of "y=2" (position 5) finds the '1' at position 2; the '=' in the long stretch finds nothing.
        let found = Self.holds(.named("num.b:'1'"), at: 5, interpreter, trace) && !Self.holds(.named("num.none"), at: 5, interpreter, trace)
        #expect(found)
        let lateEquals = text.lastIndex(of: UInt8(ascii: "="))!
        let noneLate = Self.holds(.named("num.none"), at: lateEquals, interpreter, trace)
        #expect(noneLate)
        let winners = interpreter.winners(trace)
        let fallback = Int32(interpreter.predictionLabels.firstIndex(of: .named("fallback"))!)
        #expect(winners[last] == fallback)   // byte `last` is predicted from position last − 1: nothing in reach
        let rows = try FittedRows(interpreter: interpreter, winners: winners, text: text, fit: 0..<20)
        let bpb = rows.bitsPerByte(winners: winners, text: text, positions: 20..<text.count)
        #expect(bpb.isFinite && bpb > 0)
    }
}
