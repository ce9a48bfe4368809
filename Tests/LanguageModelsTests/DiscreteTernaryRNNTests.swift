import Circuits
import Emitters
import Foundation
import GateLMSupport
import LanguageModels
import Testing
import _TestSupport

/// Invariant 1 (bit-exact) for the recurrent family: the discrete forward pass in Swift, the
/// sequential simulation of the AIG and the emitted C (state carried between steps) give the
/// same class scores at every step of whole byte sequences.
@Suite struct DiscreteTernaryRNNTests {
    static let classes = Array("abcde \n".utf8)

    static func randomText(_ count: Int, seed: UInt64) -> [UInt8] {
        var rng = SplitMix64(seed: seed)
        // Mostly class bytes, some arbitrary bytes (a byte need not have a class to be read).
        return (0..<count).map { _ in
            rng.next() % 4 == 0 ? UInt8(truncatingIfNeeded: rng.next()) : classes[Int(rng.next() % UInt64(classes.count))]
        }
    }

    /// Decodes the scores of pattern `p` from outputs named score[0xNN][i], class-major.
    static func scores(_ outputs: PatternSet, _ aig: AIG, pattern p: Int, classes: Int) -> [Int32] {
        var scores = [Int32](repeating: 0, count: classes)
        var c = -1
        for o in 0..<aig.outputCount {
            let name = aig.names.output(o) ?? ""
            if name.hasSuffix("[0]") { c += 1 }
            let bit = Int(name.split(separator: "[").last!.dropLast())!
            if outputs[o, p] { scores[c] |= 1 << Int32(bit) }
        }
        return scores
    }

    /// Step-by-step scores of the discrete forward pass over `text` from the zero state.
    static func discreteScores(_ model: DiscreteTernaryRNN, _ text: [UInt8]) -> [[Int32]] {
        let kernel = model.kernel
        var state = kernel.initialState
        var all = [[Int32]]()
        for byte in text {
            kernel.step(&state, byte: byte)
            var scores = [Int32](repeating: 0, count: model.classCount)
            kernel.scores(state, into: &scores)
            all.append(scores)
        }
        return all
    }

    @Test(arguments: [(1 as UInt64, 5, 3, 1), (2, 17, 8, 1), (3, 70, 12, 1), (4, 9, 5, 2), (5, 23, 8, 3), (6, 12, 6, 4)])
    func sequentialSimulationMatchesTheDiscreteForward(_ seed: UInt64, stateBits: Int, codeBits: Int, activationBits k: Int) {
        let model = DiscreteTernaryRNN.random(seed: seed, stateBits: stateBits, codeBits: codeBits, classes: Self.classes,
                                              activationBits: k, codeWeight: k == 1 ? 1 : 1 << (k - 1))
        let aig = model.circuit()
        #expect(aig.inputCount == 8 && aig.latchCount == stateBits * k)
        #expect(aig.names.latch(0) == (k == 1 ? "h[0]" : "h[0][0]") && aig.names.input(7) == "x[7]")
        // Several traces side by side, one simulator lane each.
        let traces = 5, length = 120
        let texts = (0..<traces).map { Self.randomText(length, seed: seed * 100 + UInt64($0)) }
        let steps = (0..<length).map { t in
            var step = PatternSet(signalCount: 8, patternCount: traces)
            for (k, text) in texts.enumerated() {
                for b in 0..<8 where text[t] >> b & 1 == 1 { step[b, k] = true }
            }
            return step
        }
        let outputs = Simulator(aig).simulateSequential(steps)
        var changes = 0
        for (k, text) in texts.enumerated() {
            let expected = Self.discreteScores(model, text)
            for t in 0..<length {
                #expect(Self.scores(outputs[t], aig, pattern: k, classes: model.classCount) == expected[t], "trace \(k) step \(t)")
                if t > 0 && expected[t] != expected[t - 1] { changes += 1 }
            }
        }
        // The check would be empty if the state machine never moved.
        #expect(changes > traces * length / 4)
    }

    @Test func theStateChangesAndDependsOnHistory() {
        let model = DiscreteTernaryRNN.random(seed: 9, stateBits: 24, codeBits: 6, classes: Self.classes)
        let a = model.state(after: Array("abcab".utf8))
        #expect(a.contains(true))
        // Histories that end alike but differ earlier leave different states: the machine remembers.
        let endings = ["bacab", "ccab", "eab", "dddab"].map { model.state(after: Array($0.utf8)) }
        #expect(endings.contains { $0 != a })
        #expect(model.state(after: []) == [Bool](repeating: false, count: 24))
    }

    @Test func streamProtocolScoresEveryPositionOnceWithItsHistory() {
        let model = DiscreteTernaryRNN.random(seed: 4, stateBits: 12, codeBits: 5, classes: Self.classes)
        let text = Self.randomText(300, seed: 44)
        let segments = SequentialEvaluation.segments(of: 10..<300, count: 7, warmup: 1000)
        #expect(segments.map(\.scored.count).reduce(0, +) == 290)
        #expect(segments.allSatisfy { $0.reads.lowerBound == -1 && $0.reads.upperBound == $0.scored.upperBound - 1 })
        // With a warm-up that reaches the start, each stream sees the whole history: the same as one stream.
        let segmented = model.scores(of: 10..<300, in: text, warmup: 1000, segments: 7)
        let single = Self.discreteScores(model, [0] + text).dropFirst(10).prefix(290).flatMap { $0 }
        #expect(segmented == Array(single))
        // A short warm-up reads only that many earlier bytes.
        let short = SequentialEvaluation.segments(of: 100..<200, count: 2, warmup: 8)
        #expect(short[1].reads == 141..<199 && short[1].scored == 150..<200)
    }

    /// The circuit, scored under the segment protocol (traces of different lengths, padded at the
    /// end), gives the discrete forward's scores at every position.
    @Test(arguments: [(0, 2000, 64, 1024), (300, 2500, 7, 100), (1000, 1010, 64, 5)])
    func circuitScoresFollowTheSegmentProtocol(first: Int, end: Int, segments: Int, warmup: Int) throws {
        let model = DiscreteTernaryRNN.random(seed: 21, stateBits: 40, codeBits: 8, classes: Self.classes)
        let circuit = try CircuitLanguageModel(model.circuit(readout: ReadoutParameters(temperature: 2, epsilon: 0.01)))
        #expect(circuit.classBytes == model.classBytes && circuit.readout?.temperature == 2)
        #expect(circuit.reading == .recurrent(stateBits: 40) && circuit.contextLength == 0)
        #expect(throws: CircuitLanguageModel.InterfaceError.self) { try circuit.requireWindow(for: "trace") }
        let text = Self.randomText(2500, seed: 77)
        let expected = model.scores(of: first..<end, in: text, warmup: warmup, segments: segments)
        let simulated = circuit.scores(of: first..<end, in: text, warmup: warmup, segments: segments)
        #expect(simulated == expected)
        #expect(Set(expected).count > 3)
    }

    /// A sequential circuit must read the byte as x[b]; a window circuit is not recurrent.
    @Test func theReadingIsTakenFromTheInterface() throws {
        var window = AIGBuilder()
        let inputs = (0..<8).map { window.addInput(name: "ctx[-1][\($0)]") }
        window.addOutput(inputs[0], name: "score[0x61][0]")
        #expect(try CircuitLanguageModel(window.build()).reading == .window(contextLength: 1))
        var misnamed = AIGBuilder()
        let x = (0..<8).map { misnamed.addInput(name: "ctx[-1][\($0)]") }
        let h = misnamed.addLatch(name: "h[0]")
        misnamed.setNext(of: h, to: x[0])
        misnamed.addOutput(h, name: "score[0x61][0]")
        #expect(throws: CircuitLanguageModel.InterfaceError.self) { try CircuitLanguageModel(misnamed.build()) }
    }

    @Test(.enabled(if: ExternalCommand.find("cc") != nil), arguments: [1, 2, 3])
    func emittedCCarriesTheStateBetweenSteps(activationBits k: Int) throws {
        let model = DiscreteTernaryRNN.random(seed: 6, stateBits: 20, codeBits: 7, classes: Self.classes, activationBits: k,
                                              codeWeight: k == 1 ? 1 : 1 << (k - 1))
        let aig = model.circuit()
        let text = Self.randomText(200, seed: 66)
        var inputs = PatternSet(signalCount: 8, patternCount: text.count)
        for (t, byte) in text.enumerated() { for b in 0..<8 where byte >> b & 1 == 1 { inputs[b, t] = true } }
        let printed = try EmittedCProgram.run(aig, inputs: inputs)
        let expected = Self.discreteScores(model, text)
        for t in 0..<text.count {
            #expect(Self.scores(printed, aig, pattern: t, classes: model.classCount) == expected[t], "step \(t)")
        }
    }

    @Test func aigerKeepsTheLatchesAndTheirNames() throws {
        let model = DiscreteTernaryRNN.random(seed: 8, stateBits: 16, codeBits: 4, classes: Self.classes)
        let aig = model.circuit(readout: ReadoutParameters(temperature: 3, epsilon: 0.001))
        let read = try AIGERReader.read(bytes: AIGERWriter.write(aig, format: .binary))
        #expect(read.latchCount == 16 && read.andCount == aig.andCount)
        #expect(read.names.latch(15) == "h[15]")
        #expect(ReadoutParameters(comments: read.comments) == ReadoutParameters(temperature: 3, epsilon: 0.001))
    }

    /// ABC, the reference logic synthesis tool, reads the sequential AIG with the same counts.
    @Test(.enabled(if: ExternalCommand.find("berkeley-abc") != nil))
    func abcReadsTheSameLatchesAndAnds() throws {
        let model = DiscreteTernaryRNN.random(seed: 12, stateBits: 30, codeBits: 6, classes: Self.classes)
        let aig = model.circuit()
        let dir = try TemporaryDirectory()
        try AIGERWriter.write(aig, format: .binary, toFile: dir.file("rnn.aig"))
        let run = try ExternalCommand.check("berkeley-abc", ["-c", "read_aiger \(dir.file("rnn.aig")); print_stats"])
        // ABC pads its figures with spaces: compare with the blanks collapsed.
        let stats = run.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(stats.contains("lat = \(aig.latchCount) "), "\(run.stdout)")
        #expect(stats.contains("and = \(aig.andCount) "), "\(run.stdout)")
        #expect(stats.contains("i/o = \(aig.inputCount)/"), "\(run.stdout)")
    }

    @Test func invalidFieldsAreRefusedWithTheirName() {
        let good = DiscreteTernaryRNN.random(seed: 1, stateBits: 4, codeBits: 3, classes: Self.classes)
        func make(update: [DiscreteTernaryRNN.Unit]? = nil, readout: [Int8]? = nil, offsets: [Int32]? = nil,
                  code: [UInt64]? = nil, classes: [UInt8]? = nil) -> String? {
            do {
                _ = try DiscreteTernaryRNN(stateBits: 4, codeBits: 3, code: code ?? good.code, update: update ?? good.update,
                                           candidate: good.candidate, readout: readout ?? good.readout,
                                           offsets: offsets ?? good.offsets, classBytes: classes ?? good.classBytes)
                return nil
            } catch { return error.description }
        }
        #expect(make() == nil)
        var badUnit = good.update
        badUnit[2].weights[1] = 2
        #expect(make(update: badUnit)?.contains("update unit 2") == true)
        #expect(make(update: Array(good.update.prefix(3)))?.contains("expected 4 units") == true)
        #expect(make(readout: [Int8](repeating: 0, count: 5))?.contains("readout") == true)
        #expect(make(offsets: good.offsets.map { _ in -1 })?.contains("offset") == true)
        var code = good.code
        code[65] = 1 << 5
        #expect(make(code: code)?.contains("byte 65") == true)
        #expect(make(classes: Array(good.classBytes.reversed()))?.contains("increasing") == true)
    }

    /// A k-bit state takes more than two values per unit, negative ones included, and every value is in range.
    @Test(arguments: [2, 3])
    func aKBitStateUsesItsRange(activationBits k: Int) {
        let model = DiscreteTernaryRNN.random(seed: 31, stateBits: 16, codeBits: 6, classes: Self.classes, activationBits: k)
        var seen = Set<Int>()
        let text = Self.randomText(60, seed: 5)
        for t in stride(from: 1, through: text.count, by: 7) { seen.formUnion(model.unitValues(after: text.prefix(t))) }
        #expect(seen.allSatisfy(model.stateRange.contains) && seen.count > 2 && seen.contains { $0 < 0 }, "\(seen.sorted())")
    }
}
