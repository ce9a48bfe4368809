import ArgumentParser
import Foundation
import LanguageModels
import Text

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Validation bits per byte of a model: soft, discretised and compiled circuit, side by side.",
        discussion: """
            Scores every byte of the last 10 % of the corpus once, each with its real preceding \
            bytes as context (a recurrent model: its state after reading them, under the \
            segment protocol of SequentialEvaluation). The circuit column simulates the compiled \
            AIG; it equals the discretised column bit for bit.

            --json prints one object with these stable names: \(jsonFields.joined(separator: ", ")) \
            (soft_bits_per_byte and written_mechanisms are null where a family has none), and \
            the model's size under its family's names (gates; or state_bits, code_bits and \
            zero_fraction; …).
            """
    )

    /// The names `--json` always prints (the size's names are the family's, added to these).
    static let jsonFields = [
        "family", "soft_bits_per_byte", "discrete_bits_per_byte", "circuit_bits_per_byte", "ands", "bytes", "step",
        "epsilon", "epsilon_cost_bits_per_seen_byte", "unseen_bytes", "unseen_bits_per_byte", "training_seconds",
        "learned_mechanisms", "counted_mechanisms", "written_mechanisms",
    ]

    @Argument(help: "A model written by `gatelm train`, or a .symtx program (fitted on the training split of --corpus).")
    var model: String

    @OptionGroup var corpus: CorpusOption

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    func run() throws {
        let trained = try ModelFile.readTrained(model, corpus: corpus)
        let text = try corpus.load()
        let split = CorpusSplit(text)
        do { try split.checkTrainable(name: text.name) } catch { throw CLIError("\(error)") }
        let result: ModelEvaluation
        do { result = try trained.evaluate(on: text.bytes, positions: split.validation) } catch { throw CLIError("\(model): \(error)") }
        // What the ε-uniform share costs: q ≥ (1 − ε)·p, so at most −log₂(1 − ε) bits on a byte
        // seen in training; a byte never seen in training costs log₂(256/ε) bits instead of ∞.
        let epsilon = trained.epsilon
        let seenCost = -log2(1 - epsilon), unseenCost = log2(256 / epsilon)
        let unseen = text.bytes[split.validation].reduce(0) { $0 + (trained.vocabulary.contains($1) ? 0 : 1) }
        let unseenShare = Double(unseen) * unseenCost / Double(max(result.bytes, 1))
        if json {
            var object: [String: Any] = [
                "family": trained.family,
                "soft_bits_per_byte": result.softBitsPerByte.map { $0 as Any } ?? NSNull(), "discrete_bits_per_byte": result.discreteBitsPerByte,
                "circuit_bits_per_byte": result.circuitBitsPerByte, "ands": result.ands,
                "bytes": result.bytes, "step": trained.training.step,
                "epsilon": epsilon, "epsilon_cost_bits_per_seen_byte": seenCost, "unseen_bytes": unseen,
                "unseen_bits_per_byte": unseenShare, "training_seconds": trained.training.seconds,
                "learned_mechanisms": trained.learnedMechanisms, "counted_mechanisms": trained.countedMechanisms,
                "written_mechanisms": trained.writtenMechanisms.map { $0 as Any } ?? NSNull(),
            ]
            for (key, value) in trained.size { object[key] = value }
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print("validation: \(result.bytes) bytes of \(text.name) (\(trained.family) model: "
                  + trained.size.map { "\($0.key.replacingOccurrences(of: "_", with: " ")) \($0.value.rounded() == $0.value ? String(Int($0.value)) : String(format: "%.3f", $0.value))" }.joined(separator: ", ") + ")")
            if let soft = result.softBitsPerByte { print(String(format: "soft      %.4f bits/byte", soft)) }
            print(String(format: "discrete  %.4f bits/byte", result.discreteBitsPerByte))
            print(String(format: "circuit   %.4f bits/byte  (%d ANDs)", result.circuitBitsPerByte, result.ands))
            print(String(format: "ε = %g costs at most %.4f bits on each byte seen in training; %d validation bytes never seen "
                         + "in training cost %.1f bits each (%.4f bits/byte of the total)", epsilon, seenCost, unseen,
                         unseenCost, unseenShare))
            print("learned by gradient descent: " + (trained.learnedMechanisms.isEmpty ? "nothing" : trained.learnedMechanisms.joined(separator: "; ")))
            if let written = trained.writtenMechanisms { print("written by hand: " + written) }
            let counted = trained.countedMechanisms
            print("counted from the training text: " + (counted.isEmpty ? "nothing" : counted.joined(separator: "; ")))
        }
    }
}
