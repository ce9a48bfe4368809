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
        let network = checkpoint.model.discretized()
        let circuit = try CircuitLanguageModel(checkpoint.model.circuit())
        let result = checkpoint.model.evaluate(on: text.bytes, positions: split.validation, circuit: circuit)
        if json {
            let object: [String: Any] = [
                "soft_bits_per_byte": result.softBitsPerByte, "discrete_bits_per_byte": result.discreteBitsPerByte,
                "circuit_bits_per_byte": result.circuitBitsPerByte ?? Double.nan, "ands": result.ands ?? 0,
                "bytes": result.bytes, "gates": network.gateCount, "step": checkpoint.training.step,
            ]
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print("validation: \(result.bytes) bytes of \(text.name)")
            print(String(format: "soft      %.4f bits/byte", result.softBitsPerByte))
            print(String(format: "discrete  %.4f bits/byte", result.discreteBitsPerByte))
            print(String(format: "circuit   %.4f bits/byte  (%d ANDs)", result.circuitBitsPerByte ?? .nan, result.ands ?? 0))
        }
    }
}
