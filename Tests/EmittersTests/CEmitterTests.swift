import Circuits
import Emitters
import Foundation
import GateLMSupport
import Testing

/// The emitted C, compiled with strict warnings and run on pattern files, against the reference evaluator.
@Suite(.enabled(if: CCompiler.isInstalled)) struct CEmitterTests {
    /// Emits `aig` with a pattern `main`, compiles it, runs it on `patterns` and compares with the reference.
    private func expectMatchesReference(
        _ aig: AIG, patterns: [[Bool]], options: CEmitter.Options = CEmitter.Options(main: .patterns),
        flags: [String] = ["-O2"], compiler: String = "cc", sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let compilerRun = try CCompiler()
        let program = try compilerRun.compile(CEmitter.emit(aig, name: "circuit", options: options),
                                              compiler: compiler, flags: flags)
        let result = try compilerRun.run(program, input: ReferencePatterns.text(patterns))
        #expect(result.status == 0, "\(result.stderr)", sourceLocation: sourceLocation)
        expectSameLines(result.stdout, ReferencePatterns.expectedOutput(aig, patterns), sourceLocation: sourceLocation)
    }

    private func partCount(_ source: String, _ name: String) -> Int {
        source.components(separatedBy: "_NOINLINE void \(name)_part").count - 1
    }

    @Test func randomCombinationalCircuitsMatchTheReference() throws {
        for seed: UInt64 in 1...2 {
            let aig = TestCircuits.named(AIG.random(inputs: 14, ands: 400, maxOutputs: 20, seed: seed))
            try expectMatchesReference(aig, patterns: ReferencePatterns.random(count: 150, inputs: 14, seed: seed))
        }
    }

    @Test func randomSequentialCircuitsMatchTheReference() throws {
        let aig = TestCircuits.named(AIG.random(inputs: 5, ands: 300, latches: 12, maxOutputs: 16, seed: 3))
        try expectMatchesReference(aig, patterns: ReferencePatterns.random(count: 100, inputs: 5, seed: 4))
    }

    @Test(arguments: TestCircuits.combinational + TestCircuits.sequential)
    func cornerCasesCompileWarningFreeAndMatch(_ corner: (label: String, aig: AIG)) throws {
        let patterns = ReferencePatterns.random(count: 70, inputs: corner.aig.inputCount, seed: 5)
        try expectMatchesReference(corner.aig, patterns: patterns)
    }

    @Test func splitIntoPartsMatchesTheReference() throws {
        let options = CEmitter.Options(main: .patterns, andsPerFunction: 37)
        let combinational = AIG.random(inputs: 10, ands: 500, maxOutputs: 30, locality: 64, seed: 6)
        let source = CEmitter.emit(combinational, name: "split", options: options)
        #expect(partCount(source, "split") >= 10 && source.contains("split_eval_scratch("))
        try expectMatchesReference(combinational, patterns: ReferencePatterns.random(count: 130, inputs: 10, seed: 7),
                                   options: options)
        let sequential = AIG.random(inputs: 4, ands: 300, latches: 9, locality: 64, seed: 8)
        try expectMatchesReference(sequential, patterns: ReferencePatterns.random(count: 60, inputs: 4, seed: 9),
                                   options: options)
    }

    @Test func largeCircuitIsSplitAndMatchesTheReference() throws {
        let aig = AIG.random(inputs: 64, ands: 50_000, maxOutputs: 64, seed: 10)
        let source = CEmitter.emit(aig, name: "big", options: CEmitter.Options(main: .patterns))
        #expect(partCount(source, "big") >= 3)
        try expectMatchesReference(aig, patterns: ReferencePatterns.random(count: 64, inputs: 64, seed: 11),
                                   flags: ["-O0"])
    }

    @Test func vectorLanesMatchTheReference() throws {
        let options = CEmitter.Options(main: .patterns, vectorWords: 4, andsPerFunction: 100)
        let aig = AIG.random(inputs: 9, ands: 300, maxOutputs: 12, seed: 12)
        try expectMatchesReference(aig, patterns: ReferencePatterns.random(count: 300, inputs: 9, seed: 13),
                                   options: options)
        let sequential = AIG.random(inputs: 3, ands: 100, latches: 5, seed: 14)
        try expectMatchesReference(sequential, patterns: ReferencePatterns.random(count: 40, inputs: 3, seed: 15),
                                   options: CEmitter.Options(main: .patterns, vectorWords: 8))
    }

    @Test(.enabled(if: ExternalCommand.find("clang") != nil))
    func clangCompilesWarningFree() throws {
        for corner in TestCircuits.combinational + TestCircuits.sequential {
            let patterns = ReferencePatterns.random(count: 10, inputs: corner.aig.inputCount, seed: 16)
            try expectMatchesReference(corner.aig, patterns: patterns, compiler: "clang")
        }
    }

    @Test func libraryWithoutMainCompilesWarningFree() throws {
        let compilerRun = try CCompiler()
        for (label, aig) in TestCircuits.combinational + TestCircuits.sequential {
            let source = CEmitter.emit(aig, name: label)
            #expect(!source.contains("main("))
            try compilerRun.compile(source, name: "lib", flags: ["-O2"], link: false)
        }
    }
}
