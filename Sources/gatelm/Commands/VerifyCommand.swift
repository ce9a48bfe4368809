import ArgumentParser
import Circuits
import CommandLineOptions
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
            Computes every class score of the validation positions (the last 10 % of the corpus) three \
            ways: the discrete model in Swift, the compiled AIG in the simulator, and the C \
            emitted for that AIG, compiled with --cc at -O0 and run on the same inputs. For a \
            recurrent model the scores are those after reading each position's history under the \
            segment protocol, and the C carries the state from step to step, one segment per run. Any difference is \
            reported with the first context and class where it occurs, and the exit status is 1.

            With --reference-scores, the scores another engine computed (the gatelm-torch \
            package's integer forward, for a model it trained or read) are a fourth way, compared \
            on the positions the file and the check share.

            The C is compiled without optimisation: a circuit of 10⁵ ANDs is one function body of \
            10⁵ statements, which gcc -O1 takes minutes to optimise and clang -O0 compiles in about \
            15 s; the check is of the emitted code's meaning, not of its speed. The compiled C runs \
            on the first --c-contexts contexts (its text input and output are most of its time); \
            the AIG simulation on all of them.

            Examples:
              gatelm verify fortunes.gatelm
              gatelm verify shakespeare.gatelm --corpus tinyshakespeare.txt --contexts 4096
              gatelm verify run/ --corpus tinyshakespeare.txt --reference-scores run/scores.safetensors
            """
    )

    @Argument(help: "A model written by `gatelm train`, an interchange directory (gatelm export, gatelm-torch), or a .symtx program (fitted on the training split of --corpus).")
    var model: String

    @OptionGroup var corpus: CorpusOption

    @Option(parsing: .unconditional, help: "Check only the first N validation contexts (default: all of them).")
    var contexts: Int?

    @Option(parsing: .unconditional, help: "Check the emitted C on the first N of those contexts (default 16384; the simulation checks all of them).")
    var cContexts = 16_384

    @Option(help: "Also compare with another engine's scores: a scores file (docs/interchange.md) such as `gatelm-torch scores` writes.")
    var referenceScores: String?

    @Option(help: "C compiler for the emitted C ('none' to skip that check; default clang where installed, else cc, skipped with a note when neither is).")
    var cc: String?

    /// Every numeric option and its range (checked first in `validate()`).
    var numericOptions: [NumericOption] {
        [
            .integer("--contexts", contexts, 1...(1 << 30)),
            .integer("--c-contexts", cContexts, 0...(1 << 30)),
        ]
    }

    func validate() throws {
        try validateNumericOptions()
    }

    func run() throws {
        let trained = try ModelFile.readTrained(model, corpus: corpus)
        let text = try corpus.load()
        let validation = CorpusSplit(text).validation
        let positions = validation.lowerBound ..< validation.lowerBound + min(validation.count, contexts ?? .max)
        let aig: AIG, circuit: CircuitLanguageModel
        do {
            aig = try trained.circuit()
            circuit = try CircuitLanguageModel(aig)
        } catch { throw CLIError("\(model): \(error)") }

        let cc = self.cc ?? (ExternalCommand.find("clang") != nil ? "clang" : "cc")
        var compiled: CompiledCircuitProgram?
        if cContexts == 0 {
            print("emitted C: skipped (--c-contexts 0)")
        } else if cc == "none" {
            print("emitted C: skipped (--cc none)")
        } else if ExternalCommand.find(cc) == nil {
            guard self.cc == nil else { throw CLIError("--cc \(cc): no such program (give 'none' to skip the C check)") }
            print("emitted C: skipped (neither clang nor cc is installed)")
        } else {
            do { compiled = try CompiledCircuitProgram(aig, compiler: cc, flags: ["-O0", "-w"]) } catch { throw CLIError("\(error)") }
        }
        let reading = circuit.isRecurrent ? "the state machine's scores after reading each one's history (\(aig.latchCount) latches)" : "\(circuit.classCount) class scores each"
        print("verifying \(model): \(positions.count) validation positions of \(text.name), \(reading), \(aig.andCount) ANDs")
        let expected: [Int32]
        do { expected = try trained.discreteScores(of: positions, in: text.bytes) } catch { throw CLIError("\(model): \(error)") }
        let classes = circuit.classCount
        var reference: Comparison?
        if let path = referenceScores {
            let file: ReferenceScores
            do { file = try ReferenceScores.read(from: path) } catch { throw CLIError("\(error)") }
            let corpusHash = CorpusIdentity(name: text.name, bytes: text.bytes).hash
            if let hash = file.corpusHash, hash != corpusHash {
                throw CLIError("\(path): scores of the corpus with hash \(hash), not of \(text.name) (hash \(corpusHash)); give the same --corpus")
            }
            guard file.classCount == classes else { throw CLIError("\(path): \(file.classCount) scores per position; the model has \(classes) classes") }
            let shared = file.positions.clamped(to: positions)
            guard !shared.isEmpty else {
                throw CLIError("\(path): positions \(file.positions) share none with the checked ones \(positions)")
            }
            var comparison = Comparison("reference scores (\(file.engine ?? "another engine"))")
            let actual = Array(file.scores[(shared.lowerBound - file.firstPosition) * classes ..< (shared.upperBound - file.firstPosition) * classes])
            comparison.add(actual, Array(expected[(shared.lowerBound - positions.lowerBound) * classes ..< (shared.upperBound - positions.lowerBound) * classes]),
                           firstContext: shared.lowerBound - positions.lowerBound, classes: classes)
            reference = comparison
        }
        var simulation = Comparison("AIG simulation"), emitted = Comparison("emitted C (\(cc))")
        simulation.add(circuit.scores(of: positions, in: text.bytes), expected, firstContext: 0, classes: classes)
        // The emitted C runs trace by trace (a recurrent circuit: one segment from reset per run)
        // until --c-contexts positions are covered.
        var checked = 0
        if let compiled {
            var actual = expected
            for trace in circuit.scoringTraces(of: positions, in: text.bytes) where checked < cContexts {
                let scored = trace.scoredPositions.compactMap { $0 }
                guard let first = scored.min(), let last = scored.max() else { continue }
                let outputs: PatternSet
                do { outputs = try compiled.run(inputs: trace.inputs) } catch { throw CLIError("\(error)") }
                circuit.placeScores(outputs: outputs, of: trace, into: &actual, positions: positions)
                let span = (first - positions.lowerBound) * classes ..< (last + 1 - positions.lowerBound) * classes
                emitted.add(Array(actual[span]), Array(expected[span]), firstContext: first - positions.lowerBound, classes: classes)
                checked += scored.count
            }
        }
        print(simulation.summary)
        if compiled != nil {
            print(emitted.summary + (checked < positions.count ? " (\(checked) positions; --c-contexts to change)" : ""))
        }
        if let reference { print(reference.summary) }
        if !simulation.agrees || (compiled != nil && !emitted.agrees) || reference?.agrees == false { throw ExitCode(1) }
    }

    /// One way of computing the scores compared with the discrete forward's, chunk by chunk.
    private struct Comparison {
        let what: String
        var compared = 0, differing = 0
        /// The first difference: context, class, actual, expected.
        var first: (context: Int, classIndex: Int, actual: Int32, expected: Int32)?
        var countMismatch = false

        init(_ what: String) { self.what = what }

        var agrees: Bool { differing == 0 && !countMismatch }

        mutating func add(_ actual: [Int32], _ expected: [Int32], firstContext: Int, classes: Int) {
            guard actual.count == expected.count else {
                countMismatch = true
                return
            }
            compared += expected.count
            for i in expected.indices where actual[i] != expected[i] {
                differing += 1
                if first == nil { first = (firstContext + i / classes, i % classes, actual[i], expected[i]) }
            }
        }

        var summary: String {
            if countMismatch { return "\(what): a different number of scores than the discrete forward" }
            guard let first else { return "\(what) = discrete forward: all \(compared) scores equal" }
            return "\(what) ≠ discrete forward: \(differing) of \(compared) scores differ; first at context "
                + "\(first.context), class \(first.classIndex): \(first.actual) instead of \(first.expected)"
        }
    }

}
