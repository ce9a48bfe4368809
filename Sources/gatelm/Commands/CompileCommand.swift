import ArgumentParser
import Circuits
import CommandLineOptions
import Foundation
import LanguageModels
import Text

struct CompileCommand: NumericOptionsCommand {
    static let configuration = CommandConfiguration(
        commandName: "compile",
        abstract: "Compile a trained model into an And-Inverter Graph.",
        discussion: """
            A window model's inputs are the W·8 context bits, ctx[-1][0] (bit 0 of the most recent \
            byte) to ctx[-W][7]. A recurrent model compiles to a sequential AIG: inputs x[0..7] (the \
            byte read this clock), latches h[i] (its state, reset 0). Outputs are each class's score \
            as an unsigned integer, score[0xNN][i] (bit i of the score of byte 0xNN for the next byte). --argmax adds argmax[i], the class index of the \
            first highest score, for greedy decoding in gates. The format follows the extension \
            (.aig, .aag, .v, .c).

            --prune-readout CORPUS makes the circuit smaller and APPROXIMATE: last-layer gates \
            (the votes of each class's popcount) are replaced by constants, one per class per \
            round, as long as the bits/byte on a sample of the corpus's training contexts stays \
            at or below the unpruned model's (plus --prune-tolerance). The validation bits/byte \
            before and after is printed and recorded in the circuit's comments.

            AIGER output records the names of internal nodes (emb[-p][e], L<l>.g<i>, \
            vote[0xNN][j]; for the integer family code[-p][e][b], row[o][e][b] and the \
            k-bit units L<l>.u<i>[b]) in its comments, for `gatelm trace`, `attribute` and the other \
            interpretability commands; --no-node-names leaves them out. They are tied to the \
            circuit's structure, so an optimised circuit simply has none.
            """
    )

    @Argument(help: "A model written by `gatelm train`, or a .symtx program (fitted on the training split of --corpus).")
    var model: String

    @OptionGroup var corpus: CorpusOption

    @Option(name: .shortAndLong, help: "The circuit file to write.")
    var output: String

    @Flag(help: "Add an argmax circuit over the scores.")
    var argmax = false

    @Flag(inversion: .prefixedNo, help: "Record internal node names in the AIGER comments.")
    var nodeNames = true

    @Option(help: "Corpus whose training contexts decide which readout votes become constants (approximate).")
    var pruneReadout: String?

    @Option(parsing: .unconditional, help: "With --prune-readout: training bits/byte the pruning may lose.")
    var pruneTolerance: Double = 0

    @Option(parsing: .unconditional, help: "With --prune-readout: training contexts scored.")
    var pruneSamples: Int = ReadoutPruningOptions().samples

    /// Every numeric option and its range (checked first in `validate()`).
    var numericOptions: [NumericOption] {
        [
            .real("--prune-tolerance", pruneTolerance, 0...1),
            .integer("--prune-samples", pruneSamples, 1...(1 << 24)),
        ]
    }

    func validate() throws {
        try validateNumericOptions()
        if pruneReadout == nil && (pruneTolerance != 0 || pruneSamples != ReadoutPruningOptions().samples) {
            throw ValidationError("--prune-tolerance and --prune-samples need --prune-readout")
        }
    }

    func run() throws {
        let format = try CircuitFormat(path: output)
        let trained = try ModelFile.readTrained(model, corpus: corpus)
        var pruning: TrainedModel.PruningRequest?
        if let pruneReadout {
            let text: Corpus
            do { text = try Corpus(contentsOfFile: pruneReadout) } catch { throw CLIError("--prune-readout: \(error)") }
            pruning = .init(text: text, options: ReadoutPruningOptions(samples: pruneSamples, tolerance: pruneTolerance)) { report in
                print(String(format: "  round %3d: %5d votes constant, training bits/byte %.4f", report.rounds, report.prunedGates,
                             report.trainingBitsAfter))
            }
        }
        let compilation: TrainedModel.Compilation
        do {
            compilation = try trained.compile(argmax: argmax, nodeNames: nodeNames && (format == .aig || format == .aag), pruning: pruning)
        } catch { throw CLIError("\(model): \(error)") }
        if let report = compilation.pruningReport, let before = compilation.validationBefore, let after = compilation.validationAfter {
            print(String(format: "readout pruning: %d votes made constant on %d training contexts of %@ "
                         + "(training bits/byte %.4f -> %.4f); validation bits/byte %.4f -> %.4f (%+.4f): APPROXIMATE",
                         report.prunedGates, report.samples, pruning!.text.name,
                         report.trainingBitsBefore, report.trainingBitsAfter, before, after, after - before))
        }
        let aig = compilation.aig
        try CircuitFile.write(try CircuitFile.encode(aig, as: format, name: CircuitFile.circuitName(for: output)), to: output)
        print("\(output): inputs=\(aig.inputCount) latches=\(aig.latchCount) outputs=\(aig.outputCount) ands=\(aig.andCount) levels=\(aig.depth)")
        print(compilation.summary)
    }
}
