import Circuits
import Emitters
import Foundation
import Testing

/// The pattern-file reader and the benchmark `main` of the emitted C.
@Suite(.enabled(if: CCompiler.isInstalled)) struct CEmitterMainTests {
    /// A 3-input circuit compiled with the pattern main.
    private func patternProgram() throws -> (CCompiler, String, AIG) {
        let aig = AIG.random(inputs: 3, ands: 6, seed: 20)
        let compiler = try CCompiler()
        let program = try compiler.compile(CEmitter.emit(aig, name: "three", options: .init(main: .patterns)))
        return (compiler, program, aig)
    }

    @Test func acceptsCarriageReturnsAndAMissingFinalNewline() throws {
        let (compiler, program, aig) = try patternProgram()
        let patterns = ReferencePatterns.random(count: 5, inputs: 3, seed: 21)
        let expected = ReferencePatterns.expectedOutput(aig, patterns)
        for input in [ReferencePatterns.text(patterns, lineEnd: "\r\n"),
                      ReferencePatterns.text(patterns, finalLineEnd: false),
                      ReferencePatterns.text(patterns, lineEnd: "\r\n", finalLineEnd: false)] {
            let result = try compiler.run(program, input: input)
            #expect(result.status == 0, "\(result.stderr)")
            expectSameLines(result.stdout, expected)
        }
        let empty = try compiler.run(program, input: "")
        #expect(empty.status == 0 && empty.stdout.isEmpty)
    }

    @Test(arguments: [
        ("010\n11\n", "line 2: expected 3 input bits, found 2"),
        ("010\n01x\n", "line 2: unexpected character 'x'"),
        ("0101\n", "line 1: expected 3 input bits, found more"),
        ("0\r10\n", "line 1: carriage return inside the line"),
        ("010\n\n", "line 2: expected 3 input bits, found 0"),
        ("01 0\n", "line 1: unexpected byte 0x20"),
    ])
    func rejectsBadLinesWithAMessageAndStatus1(_ input: String, _ message: String) throws {
        let (compiler, program, _) = try patternProgram()
        let result = try compiler.run(program, input: input)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    /// The checksum the benchmark main prints for `vectorWords == 1`: the wrapping sum of every output word.
    private func expectedChecksum(_ aig: AIG, batches: Int, repetitions: Int) -> UInt64 {
        var rng = SplitMix64(seed: 1)
        let words = (0..<max(aig.inputCount, 1) * batches).map { _ in rng.next() }
        var state = aig.latches.map { $0.reset.simulationValue ? ~UInt64(0) : 0 }
        var sum: UInt64 = 0
        for _ in 0..<repetitions {
            for b in 0..<batches {
                let inputs = Array(words[b * aig.inputCount..<(b + 1) * aig.inputCount])
                let step = aig.step(inputs: inputs, latchValues: state)
                state = step.nextLatches
                for word in step.outputs { sum &+= word }
            }
        }
        return sum
    }

    @Test func benchmarkMainPrintsTimeAndTheReferenceChecksum() throws {
        let compiler = try CCompiler()
        let circuits = [("comb", AIG.random(inputs: 20, ands: 500, seed: 22)),
                        ("seq", AIG.random(inputs: 6, ands: 300, latches: 10, seed: 23))]
        for (name, aig) in circuits {
            let program = try compiler.compile(CEmitter.emit(aig, name: name, options: .init(main: .benchmark)),
                                               name: name, flags: ["-O2"])
            let result = try compiler.run(program, ["5", "3"])
            #expect(result.status == 0, "\(result.stderr)")
            let fields = Dictionary(uniqueKeysWithValues: result.stdout.split(separator: " ").map {
                let pair = $0.split(separator: "=")
                return (String(pair[0]), pair[1].trimmingCharacters(in: .whitespacesAndNewlines))
            })
            #expect(fields["ns"].flatMap { UInt64($0) } != nil)
            #expect(fields["evaluations"] == "15" && fields["patterns"] == "960")
            #expect(fields["checksum"] == hex(expectedChecksum(aig, batches: 5, repetitions: 3)), "\(result.stdout)")
        }
        let usage = try compiler.run(compiler.directory.file("comb"), ["0"])
        #expect(usage.status == 2 && usage.stderr.contains("positive count"))
    }

    @Test func vectorBenchmarkMainRuns() throws {
        let compiler = try CCompiler()
        let aig = AIG.random(inputs: 20, ands: 500, seed: 24)
        let program = try compiler.compile(CEmitter.emit(aig, name: "wide", options: .init(main: .benchmark, vectorWords: 8)),
                                           flags: ["-O2"])
        let result = try compiler.run(program, ["4", "2"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("ns=") && result.stdout.contains("evaluations=8 patterns=4096 "))
    }

    private func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
