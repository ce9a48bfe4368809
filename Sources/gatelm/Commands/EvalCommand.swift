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
            bytes as context. The circuit column simulates the compiled AIG; it equals the \
            discretised column bit for bit. --json prints one object with soft_bits_per_byte, \
            discrete_bits_per_byte, circuit_bits_per_byte and ands.
            """
    )

    @Argument(help: "A model written by `gatelm train`.")
    var model: String

    @OptionGroup var corpus: CorpusOption

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    func run() throws {
        let (checkpoint, _) = try ModelFile.read(model)
        let text = try corpus.load()
        let split = CorpusSplit(text)
        do { try split.checkTrainable(name: text.name) } catch { throw CLIError("\(error)") }
        let network = checkpoint.model.discretized()
        let circuit = try CircuitLanguageModel(network.circuit(readout: checkpoint.model.readoutParameters))
        let result = checkpoint.model.evaluate(on: text.bytes, positions: split.validation, circuit: circuit)
        // What the ε-uniform share costs: q ≥ (1 − ε)·p, so at most −log₂(1 − ε) bits on a byte
        // seen in training; a byte never seen in training costs log₂(256/ε) bits instead of ∞.
        let epsilon = Double(checkpoint.model.readout.epsilon)
        let seenCost = -log2(1 - epsilon), unseenCost = log2(256 / epsilon)
        let unseen = text.bytes[split.validation].reduce(0) { $0 + (checkpoint.model.vocabulary.contains($1) ? 0 : 1) }
        let unseenShare = Double(unseen) * unseenCost / Double(max(result.bytes, 1))
        if json {
            let object: [String: Any] = [
                "soft_bits_per_byte": result.softBitsPerByte, "discrete_bits_per_byte": result.discreteBitsPerByte,
                "circuit_bits_per_byte": result.circuitBitsPerByte ?? Double.nan, "ands": result.ands ?? 0,
                "bytes": result.bytes, "gates": network.gateCount, "step": checkpoint.training.step,
                "epsilon": epsilon, "epsilon_cost_bits_per_seen_byte": seenCost, "unseen_bytes": unseen,
                "unseen_bits_per_byte": unseenShare, "training_seconds": checkpoint.training.seconds,
                "learned_mechanisms": checkpoint.model.learnedMechanisms, "counted_mechanisms": checkpoint.model.countedMechanisms,
            ]
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print("validation: \(result.bytes) bytes of \(text.name)")
            print(String(format: "soft      %.4f bits/byte", result.softBitsPerByte))
            print(String(format: "discrete  %.4f bits/byte", result.discreteBitsPerByte))
            print(String(format: "circuit   %.4f bits/byte  (%d ANDs)", result.circuitBitsPerByte ?? .nan, result.ands ?? 0))
            print(String(format: "ε = %g costs at most %.4f bits on each byte seen in training; %d validation bytes never seen "
                         + "in training cost %.1f bits each (%.4f bits/byte of the total)", epsilon, seenCost, unseen,
                         unseenCost, unseenShare))
            print("learned by gradient descent: " + checkpoint.model.learnedMechanisms.joined(separator: "; "))
            let counted = checkpoint.model.countedMechanisms
            print("counted from the training text: " + (counted.isEmpty ? "nothing" : counted.joined(separator: "; ")))
        }
    }
}
