import Foundation
import Symbolic
@testable import SymbolicHarness
import Testing

/// The scoring protocol: the splits, the baselines and the program's bits/byte.
@Suite struct ProgramScoringTests {
    @Test func splitsFollowTheProtocol() throws {
        let s = try CorpusSplits(bytes: [UInt8](repeating: 65, count: 1000), devSmallSize: 30)
        #expect(s.fit == 0..<800 && s.dev == 800..<900 && s.val == 900..<1000)
        #expect(s.devSmall.count == 30 && s.devSmall == s.devSmall.sorted() && Set(s.devSmall).count == 30)
        #expect(s.devSmall.allSatisfy { s.dev.contains($0) })
        #expect(try CorpusSplits(bytes: [UInt8](repeating: 65, count: 1000), devSmallSize: 30).devSmall == s.devSmall)   // seeded
        #expect(try CorpusSplits(bytes: [UInt8](repeating: 65, count: 1000)).devSmall == Array(800..<900))              // all of dev
        #expect(throws: CorpusSplits.TooSmall.self) { try CorpusSplits(bytes: [1, 2, 3]) }
    }

    @Test func theBigramProgramScoresLikeAnAddHalfBigramAndBeatsTheUnigram() throws {
        let text = HarnessFixtures.text()
        var scoring = ProgramScoring(splits: try CorpusSplits(bytes: text))
        let program = try SymbolicProgram(parsing: HarnessFixtures.program)
        let dev = try scoring.score(program, on: .dev)
        #expect(dev.positions == scoring.splits.dev.count)
        #expect(dev.bitsPerByte.isFinite && dev.bitsPerByte < dev.baselines.unigram)
        #expect(dev.baselines.bigram < dev.baselines.unigram && dev.baselines.order4 < dev.baselines.bigram)
        #expect(abs(dev.labels.map(\.winShare).reduce(0, +) - 1) < 1e-9)
        #expect(abs(dev.labels.map(\.bitsShare).reduce(0, +) - 1) < 1e-9)
        // The bits/byte equals FittedRows' own figure on the same range.
        let interpreter = try SymbolicInterpreter(program)
        let prefix = Array(text[..<scoring.splits.dev.upperBound])
        let winners = interpreter.winners(interpreter.run(prefix))
        let rows = try FittedRows(interpreter: interpreter, winners: winners, text: prefix, fit: scoring.splits.fit)
        #expect(abs(rows.bitsPerByte(winners: winners, text: prefix, positions: scoring.splits.dev) - dev.bitsPerByte) < 1e-12)
        // A program with no prediction label scores the add-½ unigram.
        let empty = try SymbolicProgram(parsing: "symtx 1\nwindow layers=1 span=1\nlabels\nlayer 1\n  rule r any {b:'#'} -> +never\nunembed\n  order never\n")
        #expect(try scoring.score(empty, on: .dev).labels.map(\.label) == ["unigram"])
        let checkpoint = try scoring.checkpoint(program)
        #expect(checkpoint.positions == scoring.splits.val.count && checkpoint.bitsPerByte.isFinite)
    }

    /// The fast reading of one label agrees with the reference interpreter's labels, groups included.
    @Test func holdsAgreesWithTheReference() throws {
        let text = HarnessFixtures.text(bytes: 2000), program = try SymbolicProgram(parsing: HarnessFixtures.program)
        let interpreter = try SymbolicInterpreter(program), trace = interpreter.run(text)
        // (c.b:'e', an @self expansion, is not a name the checker knows: the Workbench reads it from the reference.)
        #expect(throws: (any Error).self) { try ProgramEvaluation.holds(.label(PositionFilter.label("c.b:'e'")), in: program, predicting: 1..<10, text: text) }
        for name in ["w:the", "after_the", "lower", "space", "c.b:'e'"] {
            let label = try PositionFilter.label(name)
            let fast = try ProgramEvaluation.holds(name.hasPrefix("c.") ? .prefix(name) : .label(label), in: program, predicting: 1..<text.count, text: text)
            let members = Set(interpreter.universe.groups[name] ?? [interpreter.universe.number(of: label)!])
            let reference = (1..<text.count).map { !Set(trace.labelNumbers(at: $0 - 1, afterLayer: 2)).isDisjoint(with: members) }
            #expect(fast == reference, "\(name)")
            #expect(fast.contains(true), "\(name)")
        }
    }

    @Test func anInvalidProgramIsAnErrorNotACrash() throws {
        var scoring = ProgramScoring(splits: try CorpusSplits(bytes: HarnessFixtures.text(bytes: 500)))
        let bad = try SymbolicProgram(parsing: "symtx 1\nwindow layers=1 span=1\nlabels\nlayer 1\n  rule r any {nowhere} -> +x\nunembed\n  order x\n")
        #expect(throws: (any Error).self) { try scoring.score(bad, on: .dev) }
    }
}
