import ArgumentParser
import CommandLineOptions
import Foundation
import GateLMSupport
import Interpret
import LanguageModels

struct ContrastCommand: NumericOptionsCommand {
    static let configuration = CommandConfiguration(
        commandName: "contrast",
        abstract: "Nodes that tell prompts with a behaviour from prompts without it, checked by exact ablation.",
        discussion: """
            FILE holds one prompt per line; the prediction after each prompt is compared. The \
            behaviour is "the model predicts --target" (default: the commonest prediction on the \
            positives). Nodes (and pairs of the best) are ranked by how much more often a value \
            occurs on the positives than on the negatives; `exclusive` marks values found on \
            one side only. The top candidates are then forced to their other value on the \
            positives: `necessity` is the share that lose the behaviour, `causal` whether any do. \
            Correlation is not causation; the ablation is what tells them apart.

            With --units (a circuit that names k-bit units, L1.u17[b]: the integer families), the \
            candidates are units: each is ranked by the level threshold that best separates the \
            positives from the negatives, and the top ones are held, on every positive, at the \
            level the negatives take most often (an exact intervention on its level bits). JSON: \
            target, positives, negatives, unit_count, candidates[] (unit, threshold, above, \
            positive_rate, negative_rate, separation, mean_positive_level, mean_negative_level, \
            ablation_level, necessity, causal).
            """
    )

    @OptionGroup var model: ModelArgument

    @Option(help: "Prompts with the behaviour, one per line.")
    var positive: String

    @Option(help: "Prompts without it, one per line.")
    var negative: String

    @Option(help: "The behaviour's byte: 'c', c, 0xNN or 0-255 (default: the commonest prediction on the positives).")
    var target: String?

    @Option(parsing: .unconditional, help: "Candidates to list (1–10000).")
    var top = 20

    @Option(parsing: .unconditional, help: "Top candidates to ablate (0–10000).")
    var ablate = 10

    @Flag(help: "Contrast the model's k-bit units instead of nodes (integer families).")
    var units = false

    /// Every numeric option and its range (checked first in `validate()`).
    var numericOptions: [NumericOption] {
        model.numericOptions + [
            .integer("--top", top, 1...10_000),
            .integer("--ablate", ablate, 0...10_000),
        ]
    }

    func validate() throws {
        try validateNumericOptions()
        if let target { _ = try parseByteOption(target, option: "--target") }
    }

    static func prompts(_ path: String) throws -> [[UInt8]] {
        let data: [UInt8]
        do { data = try InputFile.read(path) } catch { throw CLIError("\(error)") }
        return data.split(separator: 0x0A, omittingEmptySubsequences: true).map { Array($0) }
    }

    func run() throws {
        let lm = try model.load()
        if units { return try runUnits(lm) }
        let catalog = NodeCatalog(lm)
        let result: Contrast
        do {
            result = try Contrast(model: lm, catalog: catalog, positives: try Self.prompts(positive), negatives: try Self.prompts(negative),
                                  target: try target.map { try parseByteOption($0, option: "--target") }, top: top, ablate: ablate)
        } catch {
            throw CLIError("\(error)")
        }
        if model.json { return try JSONOutput.print(result) }
        print("behaviour: predicts \(printableByte(UInt8(result.target))) — on \(result.positivesWithBehaviour) of \(result.positives) positives and \(result.negativesWithBehaviour) of \(result.negatives) negatives")
        print("  node                  value  positives  negatives  exclusive  necessity (ablation)")
        for c in result.candidates {
            let necessity = c.necessity.map { String(format: "%.2f ", $0) + (c.causal == true ? "causal" : "not causal") } ?? ""
            print("  " + c.nodes[0].padded(22) + "\(c.values[0] ? 1 : 0)".padded(7) + String(format: "%.2f       %.2f       ", c.positiveRate, c.negativeRate)
                  + (c.exclusive ? "yes" : "no").padded(11) + necessity)
        }
        if !result.pairs.isEmpty {
            print("pairs that separate better than either node alone:")
            for p in result.pairs.prefix(top) {
                print("  " + zip(p.nodes, p.values).map { "\($0)=\($1 ? 1 : 0)" }.joined(separator: " ∧ ").padded(40)
                      + String(format: "%.2f vs %.2f", p.positiveRate, p.negativeRate))
            }
        }
    }

    func runUnits(_ lm: CircuitLanguageModel) throws {
        let result: UnitContrast
        do {
            result = try UnitContrast(model: lm, positives: try Self.prompts(positive), negatives: try Self.prompts(negative),
                                      target: try target.map { try parseByteOption($0, option: "--target") }, top: top, ablate: ablate)
        } catch {
            throw CLIError("\(error)")
        }
        if model.json { return try JSONOutput.print(result) }
        print("behaviour: predicts \(printableByte(UInt8(result.target))) — on \(result.positivesWithBehaviour) of \(result.positives) positives and \(result.negativesWithBehaviour) of \(result.negatives) negatives; \(result.unitCount) units")
        print("  unit          marks positives   positives  negatives  mean level +/−   necessity (held at level)")
        for c in result.candidates {
            let necessity = c.necessity.map { String(format: "%.2f ", $0) + (c.causal == true ? "causal" : "not causal") + " (\(c.ablationLevel!))" } ?? ""
            print("  " + c.unit.padded(14) + "level \(c.above ? ">=" : "<") \(c.threshold)".padded(18) + String(format: "%.2f       %.2f       %5.2f/%5.2f   ", c.positiveRate, c.negativeRate, c.meanPositiveLevel, c.meanNegativeLevel) + necessity)
        }
    }
}
