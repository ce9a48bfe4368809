import ArgumentParser
import Circuits
import CommandLineOptions
import Foundation
import LanguageModels
import Synthesis
import Text

struct OptimizeCommand: NumericOptionsCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimize",
        abstract: "Make an AIG smaller with GateLM's passes, ABC's, or knowledge of the data it will see.",
        discussion: """
            Runs an optimisation script (passes separated by ';'; default: \
            "\(OptimizationScript.standard)") and prints the AND count and depth after each pass. \
            Passes: \(OptimizationStep.commandSummary).

            --abc hands the result to berkeley-abc (through AIGER) for ABC commands of your own; \
            resyn, resyn2 and compress2 are spelled out, as Debian's ABC has no abc.rc.

            --care CORPUS (compiled language models only): data-aware simplification before the \
            script. Every node is simulated on every context of the corpus's training split (its \
            first 90 %); nodes constant on all of them become constants, nodes equal or \
            complementary to an earlier node on all of them are merged; then every cone of at most \
            10 inputs is refactored with the input combinations never seen as don't-cares. The \
            result is DATA-EQUIVALENT, NOT EQUIVALENT: it agrees with the input on those contexts \
            only. For a recurrent circuit (latches) the care set is every (byte, state) pair the \
            circuit reaches reading the training split, the latches kept: the result steps exactly \
            like the input along the training text. The validation bits/byte before and after are reported and recorded in the \
            output file. For a much smaller circuit at a measured (approximate) cost, compile the \
            model with `gatelm compile --prune-readout` first.

            Examples:
              gatelm optimize model.aig -o small.aig
              gatelm optimize model.aig -o small.aig --script "strash; balance" --abc "dc2"
              gatelm optimize model.aig -o tiny.aig --care tinyshakespeare.txt
            """
    )

    @Argument(help: "The AIGER file to optimise.")
    var input: String

    @Option(name: .shortAndLong, help: "The file to write (.aig, .aag, .v, .c).")
    var output: String

    @Option(help: "Optimisation script ('none' to skip).")
    var script: String = OptimizationScript.standard.description

    @Option(help: "ABC commands to run after the script (needs berkeley-abc).")
    var abc: String?

    @Option(help: "Corpus whose training contexts are the care set (compiled language models only).")
    var care: String?

    @Flag(help: "Prove the result equivalent to the input (gatelm cec) and refuse to write it otherwise; with --care, to the care-simplified circuit.")
    var verify = false

    @Option(parsing: .unconditional, help: "With --care: also replace by a constant every node that differs from it on at most this fraction of the training contexts (approximate; default 0: exact on the care set).")
    var careTolerance: Double = 0

    /// Every numeric option and its range (checked first in `validate()`).
    var numericOptions: [NumericOption] {
        [
            .real("--care-tolerance", careTolerance, 0...0.49),
        ]
    }

    func validate() throws {
        try validateNumericOptions()
        if careTolerance > 0 && care == nil { throw ValidationError("--care-tolerance needs --care") }
    }

    func run() throws {
        let format = try CircuitFormat(path: output)
        let source = try CircuitFile.read(input)
        let steps: OptimizationScript?
        do { steps = script == "none" ? nil : try OptimizationScript(parsing: script) } catch { throw CLIError("--script: \(error)") }
        print("\(input): ands=\(source.andCount) levels=\(source.depth)")

        var current = source
        var dataNote: String?
        if let care {
            (current, dataNote) = try simplifyOnCareSet(current, corpus: care)
        }
        // What the passes must be equivalent to: the input, or after --care the care-simplified circuit.
        let reference = current
        if let steps {
            current = steps.run(current) { report in
                let name = report.step.description.padding(toLength: 12, withPad: " ", startingAt: 0)
                print(name.isEmpty ? "" : "  " + name + String(format: " ands=%-9d levels=%-5d %.2f s", report.ands, report.levels, report.seconds))
            }
        }
        if let abc {
            guard ABCBridge.isAvailable else { throw CLIError("--abc needs \(ABCBridge.program), which is not installed") }
            let clock = ContinuousClock(), start = clock.now
            do { current = try ABCBridge.run(current, commands: abc) } catch { throw CLIError("--abc: \(error)") }
            print("  abc \"\(abc)\": ands=\(current.andCount) levels=\(current.depth) \(clock.now - start)")
        }
        if verify { try proveEquivalent(reference, current) }
        if let dataNote { current.comments.append(dataNote) }
        try CircuitFile.write(try CircuitFile.encode(current, as: format, name: CircuitFile.circuitName(for: output)), to: output)
        let ratio = source.andCount > 0 ? Double(current.andCount) / Double(source.andCount) : 1
        print(String(format: "%@: ands=%d levels=%d (%.1f %% of the input's ANDs)", output, current.andCount, current.depth, 100 * ratio))
    }

    /// Throws unless `optimized` is proven equivalent to `reference`.
    private func proveEquivalent(_ reference: AIG, _ optimized: AIG) throws {
        let clock = ContinuousClock(), start = clock.now
        let result: EquivalenceResult
        do { result = try EquivalenceChecker().check(reference, optimized) } catch { throw CLIError("--verify: \(error)") }
        switch result {
        case .equivalent:
            print("  verify: equivalent (\(clock.now - start))")
        case .notEquivalent(let counterexample):
            throw CLIError("--verify: NOT EQUIVALENT (output \(counterexample.outputName ?? String(counterexample.output)) differs); \(output) not written. Please report this.")
        case .undecided(let reason):
            throw CLIError("--verify: could not prove equivalence (\(reason)); \(output) not written")
        }
    }

    /// Data-aware simplification of a compiled language model on the training contexts of `corpus`;
    /// returns the circuit and the comment line that records what was done.
    private func simplifyOnCareSet(_ aig: AIG, corpus path: String) throws -> (AIG, String) {
        let model: CircuitLanguageModel
        do { model = try CircuitLanguageModel(aig) } catch { throw CLIError("--care: \(input): \(error)") }
        let text: Corpus
        do { text = try Corpus(contentsOfFile: path) } catch { throw CLIError("--care: \(error)") }
        let split = CorpusSplit(text)
        let care = model.careSet(of: split.training, in: text.bytes)
        let tolerance = Int(careTolerance * Double(care.patternCount))
        let (simplified, report) = aig.dataAwareSimplified(onCareSet: care, constantTolerance: tolerance)
        let simplifiedModel: CircuitLanguageModel
        do { simplifiedModel = try CircuitLanguageModel(simplified) } catch { throw CLIError("--care: \(error)") }
        let before: Double, after: Double
        do {
            before = try model.bitsPerByte(on: text.bytes, positions: split.validation)
            after = try simplifiedModel.bitsPerByte(on: text.bytes, positions: split.validation)
        } catch { throw CLIError("--care: \(error)") }
        print("  care set: \(report.patterns) " + (model.isRecurrent ? "(byte, state) pairs reached on the training text of \(text.name)" : "training contexts of \(text.name)"))
        print("  care     ands=\(report.andsAfterMerging) (constant inputs \(report.constantInputs), merged inputs "
              + "\(report.mergedInputs), constant ANDs \(report.constantAnds), merged ANDs \(report.mergedAnds)"
              + (tolerance > 0 ? ", nearly constant nodes made constant \(report.approximatedConstants) (tolerance \(tolerance) contexts)" : "") + ")")
        print("  care     ands=\(report.andsAfter) (narrow cones refactored with the input combinations never seen as don't-cares)")
        let kind = tolerance > 0 ? "APPROXIMATE, NOT EQUIVALENT" : "DATA-EQUIVALENT, NOT EQUIVALENT"
        print(String(format: "  validation bits/byte %.4f -> %.4f (%+.4f): %@", before, after, after - before, kind))
        let what = tolerance > 0 ? "gatelm approximate, not equivalent: nodes constant on all but \(tolerance) of"
                                 : "gatelm data-equivalent, not equivalent: simplified on"
        let note = String(format: "%@ the %d training contexts of %@; validation bits/byte %.4f -> %.4f",
                          what, report.patterns, text.name, before, after)
        return (simplified, note)
    }
}
