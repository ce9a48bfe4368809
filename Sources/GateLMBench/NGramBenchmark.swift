import ArgumentParser
import Dispatch
import Foundation
import Text

/// `gatelm-bench ngram`: the count baselines of the language-model benchmark — GateLM's own
/// interpolated Kneser–Ney n-grams (`Text.NGramModel`) on the same 90/10 split as the models.
struct NGramBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ngram",
        abstract: "Validation bits/byte of Kneser–Ney byte n-grams (the count baselines), one JSON line per order.",
        discussion: """
            Trains each order on the first 90 % of the corpus and scores the last 10 % with ε = 10⁻³ \
            mixing (as the gate models' readout), so bytes unseen in training cost a finite amount. \
            Fields: order, bits_per_byte, seconds (counting and scoring).
            """
    )

    @Option(help: "The corpus (default: the fortunes corpus `gatelm train` defaults to).")
    var corpus: String?

    @Option(help: "Orders to measure, comma-separated (1 = unigram … 7).")
    var orders = "1,2,4,6"

    func run() throws {
        let parsed = orders.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !parsed.isEmpty, parsed.allSatisfy({ $0.map((1...NGramModel.maximumOrder).contains) ?? false }) else {
            throw ValidationError("--orders must be integers in 1...\(NGramModel.maximumOrder), comma-separated; got \(orders)")
        }
        let text = try corpus.map { try Corpus(contentsOfFile: $0) } ?? Corpus.default()
        let split = CorpusSplit(text)
        for order in parsed.compactMap({ $0 }) {
            let start = DispatchTime.now().uptimeNanoseconds
            let model = NGramModel(order: order, text: text.bytes, training: split.training)
            let bits = model.bitsPerByte(on: split.validation, of: text.bytes, epsilon: 1e-3).mean
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            print(String(format: #"{"order": %d, "bits_per_byte": %.4f, "seconds": %.2f}"#, order, bits, seconds))
        }
    }
}
