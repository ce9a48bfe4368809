import Circuits
import Foundation
import GateLMSupport
@testable import LanguageModels
import Symbolic
import Testing
import Text
import _TestSupport

/// A symbolic program as a language model: its compiled circuit, simulated and as emitted C,
/// gives the interpreter's scores bit for bit, on every window of a text (those that reach before
/// its start included) and on random windows; and quantisation costs little.
@Suite struct SymbolicModelTests {
    static func model(seed: Int) throws -> (SymbolicModel, [UInt8]) {
        var random = RandomPrograms(seed: UInt64(1000 + seed))
        let program = random.program(span: 1 + random.next(4))
        let text = random.text(count: 2000)
        return (try SymbolicModel(program: program, text: Corpus(name: "random", bytes: text), fit: 0..<1600), text)
    }

    @Test(arguments: 0..<12)
    func theCircuitGivesTheInterpretersScores(seed: Int) throws {
        let (model, text) = try Self.model(seed: seed)
        let circuit = try CircuitLanguageModel(model.circuit(nodeNames: true))
        #expect(circuit.contextLength == model.interpreter.windowLength && circuit.classBytes == model.table.classBytes)
        #expect(circuit.readout == model.readout)
        // Every window of the text, the first W reaching before its start.
        let positions = 0..<text.count
        #expect(try circuit.scores(of: positions, in: text) == model.scores(of: positions, in: text), "\(model.program.text)")
        // The reference interpreter's winners give the same scores.
        let reference = model.interpreter.winners(model.interpreter.run(text))
        #expect(reference.flatMap { model.table.scores[Int($0)] } == model.scores(of: positions, in: text))
        // Random windows (0x00 is padding wherever it stands).
        var random = RandomPrograms(seed: UInt64(seed))
        let w = model.interpreter.windowLength
        for _ in 0..<64 {
            let window = random.text(count: w)
            let viaText = model.scores(of: w..<w + 1, in: window + [0x61])
            #expect(circuit.scores(contexts: window, count: 1) == viaText)
        }
        // The winner outputs give the interpreter's winners; the winner lines are named.
        let outputs = circuit.aig.outputCount
        let patterns = circuit.simulator.simulate(circuit.inputPatterns(contexts: text.indices.flatMap { ContextWindow(width: w).context(at: $0, in: text) }, count: text.count))
        let winnerOutputs = (0..<outputs).filter { circuit.aig.names.output($0)?.hasPrefix("winner[") == true }
        #expect(!winnerOutputs.isEmpty)
        for t in text.indices {
            let index = winnerOutputs.enumerated().reduce(0) { $0 | (patterns[$1.element, t] ? 1 << $1.offset : 0) }
            if index != Int(reference[t]) { Issue.record("target \(t): the circuit's winner \(index), the interpreter's \(reference[t])"); break }
        }
        if reference.contains(Int32(model.interpreter.predictionLabels.count)) { #expect(circuit.nodeNames.literal(named: "win[unigram]") != nil) }
    }

    /// `circuitSize` (what program_check reports) counts the ANDs of the compiled circuit, and
    /// the layers' part is the cone of the winner lines within it.
    @Test(arguments: 0..<6)
    func theCircuitSizeCountsTheCompiledCircuit(seed: Int) throws {
        let (model, _) = try Self.model(seed: seed)
        let size = model.interpreter.circuitSize(table: model.table)
        let circuit = try CircuitLanguageModel(model.circuit(nodeNames: true))
        #expect(size.ands == circuit.aig.andCount)
        #expect(size.layerAnds > 0 && size.layerAnds < size.ands && size.readoutAnds == size.ands - size.layerAnds)
        // The named winner lines `win[…]` read exactly the layers' part.
        let lines = circuit.nodeNames.entries.filter { $0.name.hasPrefix("win[") }.map(\.literal)
        #expect(!lines.isEmpty)
        #expect(circuit.aig.transitiveFanin(of: lines).andCount == size.layerAnds)
    }

    /// The emitted C prints what the simulator computes.
    @Test(.enabled(if: ExternalCommand.find("cc") != nil, "no C compiler (cc)"), arguments: 0..<3)
    func theEmittedCAgrees(seed: Int) throws {
        let (model, text) = try Self.model(seed: seed)
        let circuit = try CircuitLanguageModel(model.circuit())
        let w = circuit.contextLength
        var contexts = [UInt8](repeating: 0, count: 300 * w)
        text.withUnsafeBufferPointer { bytes in
            contexts.withUnsafeMutableBufferPointer { ContextWindow(width: w).fill($0, for: 0..<300, in: bytes) }
        }
        let inputs = circuit.inputPatterns(contexts: contexts, count: 300)
        let fromC = try EmittedCProgram.run(circuit.aig, inputs: inputs)
        #expect(circuit.scores(outputs: fromC) == model.scores(of: 0..<300, in: text))
    }

    /// The integer scores cost at most the target over the fitted rows on the fit split.
    @Test func quantisationIsCheap() throws {
        let (model, text) = try Self.model(seed: 5)
        let fit = model.bitsPerByte(on: text, positions: 0..<1600)
        #expect(fit.quantised - fit.ideal <= ScoreTable.targetCost + 0.001 && fit.quantised.isFinite)
        #expect(ScoreTable.scales.contains(model.table.scale))
    }

    /// A program that does not check is refused with the checker's message and the file.
    @Test func aBadProgramFileNamesItsError() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("bad.symtx")
        try "symtx 1\nwindow layers=1 span=4\n\nlayer 1\n  rule r all {nothing} -> +x\n\nunembed\n  order x\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: SymbolicModel.LoadError.self) { try SymbolicModel(contentsOf: path, fittedOn: Corpus(name: "t", bytes: Array(repeating: 0x61, count: 400))) }
        do { _ = try SymbolicModel(contentsOf: path, fittedOn: Corpus(name: "t", bytes: Array(repeating: 0x61, count: 400))) } catch {
            #expect(error.description.contains("bad.symtx") && error.description.contains("nothing"), "\(error)")
        }
    }
}
