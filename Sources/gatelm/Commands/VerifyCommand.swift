import ArgumentParser
import Circuits
import Emitters
import Foundation
import GateLMSupport
import LanguageModels
import Text

struct VerifyCommand: NumericOptionsCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check that a model's discrete forward pass, its compiled AIG and the emitted C agree bit for bit.",
        discussion: """
            Computes every class score of the validation contexts (the last 10 % of the corpus) three \
            ways: the discretised network in Swift, the compiled AIG in the simulator, and the C \
            emitted for that AIG, compiled with --cc and run on the same contexts. Any difference is \
            reported with the first context and class where it occurs, and the exit status is 1.

            Examples:
              gatelm verify fortunes.gatelm
              gatelm verify shakespeare.gatelm --corpus tinyshakespeare.txt --contexts 4096
            """
    )

    @Argument(help: "A model written by `gatelm train`.")
    var model: String

    @OptionGroup var corpus: CorpusOption

    @Option(parsing: .unconditional, help: "Check only the first N validation contexts (default: all of them).")
    var contexts: Int?

    @Option(help: "C compiler for the emitted C ('none' to skip that check; default cc, skipped with a note when not installed).")
    var cc: String?

    /// Every numeric option and its range (checked first in `validate()`).
    var numericOptions: [NumericOption] {
        [
            .integer("--contexts", contexts, 1...(1 << 30)),
        ]
    }

    func validate() throws {
        try validateNumericOptions()
    }

    func run() throws {
        let (checkpoint, _) = try ModelFile.read(model)
        let text = try corpus.load()
        let validation = CorpusSplit(text).validation
        let positions = validation.lowerBound ..< validation.lowerBound + min(validation.count, contexts ?? .max)
        let network = checkpoint.model.discretized()
        let aig = network.circuit(readout: checkpoint.model.readoutParameters)
        let circuit: CircuitLanguageModel
        do { circuit = try CircuitLanguageModel(aig) } catch { throw CLIError("\(model): \(error)") }

        let w = network.contextLength
        var windows = [UInt8](repeating: 0, count: positions.count * w)
        text.bytes.withUnsafeBufferPointer { bytes in
            windows.withUnsafeMutableBufferPointer { ContextWindow(width: w).fill($0, for: positions, in: bytes) }
        }
        print("verifying \(model): \(positions.count) validation contexts of \(text.name), "
              + "\(network.classCount) class scores each, \(aig.andCount) ANDs")
        let expected = network.scores(contexts: windows, count: positions.count)
        var failures = 0
        failures += report("AIG simulation", circuit.scores(contexts: windows, count: positions.count), expected, classes: network.classCount)
        let cc = self.cc ?? "cc"
        if cc == "none" {
            print("emitted C: skipped (--cc none)")
        } else if ExternalCommand.find(cc) == nil {
            guard self.cc == nil else { throw CLIError("--cc \(cc): no such program (give 'none' to skip the C check)") }
            print("emitted C: skipped (\(cc) is not installed)")
        } else {
            let outputs = try runEmittedC(aig, inputs: circuit.inputPatterns(contexts: windows, count: positions.count))
            failures += report("emitted C (\(cc))", circuit.scores(outputs: outputs), expected, classes: network.classCount)
        }
        if failures > 0 { throw ExitCode(1) }
    }

    /// Prints one line comparing `actual` with the discrete forward's scores; returns 1 on a mismatch.
    private func report(_ what: String, _ actual: [Int32], _ expected: [Int32], classes: Int) -> Int {
        guard actual.count == expected.count else {
            print("\(what): \(actual.count) scores instead of \(expected.count)")
            return 1
        }
        guard let first = expected.indices.first(where: { actual[$0] != expected[$0] }) else {
            print("\(what) = discrete forward: all \(expected.count) scores equal")
            return 0
        }
        let differing = zip(actual, expected).reduce(0) { $0 + ($1.0 != $1.1 ? 1 : 0) }
        print("\(what) ≠ discrete forward: \(differing) of \(expected.count) scores differ; first at context "
              + "\(first / classes), class \(first % classes): \(actual[first]) instead of \(expected[first])")
        return 1
    }

    /// Emits `aig` as C with a pattern-reading main, compiles it and runs it on `inputs`.
    private func runEmittedC(_ aig: AIG, inputs: PatternSet) throws -> PatternSet {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("gatelm-verify-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = directory.appendingPathComponent("model.c").path, program = directory.appendingPathComponent("model").path
        var options = CEmitter.Options()
        options.main = .patterns
        try CEmitter.emit(aig, name: "model", options: options).write(toFile: source, atomically: true, encoding: .utf8)
        do {
            try ExternalCommand.check(self.cc ?? "cc", ["-O1", "-w", source, "-o", program])
            let result = try ExternalCommand.check(program, [], input: Data(inputs.formatted().utf8))
            return try PatternSet(parsing: result.stdout, signalCount: aig.outputCount)
        } catch {
            throw CLIError("emitted C: \(error)")
        }
    }
}
