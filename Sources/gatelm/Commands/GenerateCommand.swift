import ArgumentParser
import Circuits
import CommandLineOptions
import Dispatch
import Foundation
import GateLMSupport
import LanguageModels
import Text

struct GenerateCommand: NumericOptionsCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate text by simulating a compiled language-model circuit.",
        discussion: """
            MODEL_OR_AIG is a model from `gatelm train` (compiled on the fly) or a circuit from \
            `gatelm compile`. Every byte comes from simulating the AIG on the last W bytes; the \
            only float arithmetic is sampling from softmax(score / τ) over the integer scores. \
            --streams K runs K independent streams in one simulator pass per byte (the \
            simulator's 64-way bit parallelism); from 512 streams they are split between \
            cores (--threads). A stream's text does not depend on K's split or on --threads. \
            Throughput goes to stderr; with --word-coverage, so does the share of the generated \
            words of four letters or more that are words of the corpus's training split (the first \
            90 % of --corpus, default fortunes), a rough check that the model spells. --greedy \
            (or --temperature 0) takes the byte with the highest score, and of equal top scores the \
            lowest byte: the prediction explain, query and view show.

            Example:
              gatelm generate shakespeare.gatelm --prompt "ROMEO:" --bytes 300 --temperature 0.8
            """
    )

    @Argument(help: "A trained model or a compiled circuit (.aig/.aag).")
    var modelOrAIG: String

    @Option(help: "Text to start from.")
    var prompt = ""

    @Option(parsing: .unconditional, help: "Bytes to generate per stream.")
    var bytes = 200

    @Option(parsing: .unconditional, help: "Sampling temperature (0 = greedy).")
    var temperature = 1.0

    @Flag(help: "Greedy decoding: always the highest score (ties: the lowest byte).")
    var greedy = false

    @Option(parsing: .unconditional, help: "Seed of the sampler.")
    var seed: UInt64 = 1

    @Option(parsing: .unconditional, help: "Independent streams generated side by side.")
    var streams = 1

    @Option(parsing: .unconditional, help: "Cores to use (many streams are split between them; default: all).")
    var threads = Simulator.defaultThreadCount

    @Flag(help: "Report the share of generated words (≥ 4 letters) that occur in the corpus's training split.")
    var wordCoverage = false

    @OptionGroup var corpus: CorpusOption

    /// Every numeric option and its range (checked first in `validate()`).
    var numericOptions: [NumericOption] {
        [
            .integer("--bytes", bytes, 0...(1 << 32)),
            .real("--temperature", temperature, 0...1000),
            .integer("--seed", seed, OptionRange.seed),
            .integer("--streams", streams, 1...(1 << 20)),
            .integer("--threads", threads, OptionRange.threads),
        ]
    }

    func validate() throws {
        try validateNumericOptions()
    }

    func run() throws {
        let model: CircuitLanguageModel
        do { model = try LanguageModelFile.load(modelOrAIG, corpus: corpus.load) } catch { throw CLIError(error.description) }
        let aig = model.aig
        var vocabulary: Set<String>?
        if wordCoverage {
            let text = try corpus.load()
            vocabulary = WordCoverage.vocabulary(of: text.bytes[CorpusSplit(text).training])
        }
        // Per stream: the generated text and one bit of every node per simulated byte.
        do { try MemoryBudget.check(streams, bytesEach: bytes + prompt.utf8.count + aig.variableCount / 8 + 64, for: "\(streams) streams") }
        catch { throw CLIError("--streams: \(error)") }
        var generator = CircuitTextGenerator(model: model, prompt: Array(prompt.utf8), streams: streams,
                                             temperature: greedy ? 0 : temperature, seed: seed, threads: threads)
        let start = DispatchTime.now().uptimeNanoseconds
        // One stream is shown as it grows, a few hundred bytes per write (not a system call per byte).
        var pending = Data(prompt.utf8)
        for _ in 0..<bytes {
            let next = generator.step(threads: threads)
            if streams == 1 {
                pending.append(contentsOf: next)
                if pending.count >= 256 {
                    FileHandle.standardOutput.write(pending)
                    pending.removeAll(keepingCapacity: true)
                }
            }
        }
        if streams == 1 { FileHandle.standardOutput.write(pending) }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if streams == 1 {
            print("")
        } else {
            for (s, text) in generator.streams.enumerated() {
                print("--- stream \(s)")
                print(String(decoding: text, as: UTF8.self))
            }
        }
        fflush(nil)  // `print` is buffered: the text first, then the report on stderr
        let rate = Double(bytes * streams) / max(seconds, 1e-9)
        FileHandle.standardError.write(Data(String(
            format: "generated %d bytes in %.3f s: %.0f bytes/s (%d ANDs, %d stream%@)\n",
            bytes * streams, seconds, rate, aig.andCount, streams, streams == 1 ? "" : "s").utf8))
        if let vocabulary {
            // Only the generated bytes count, not the prompt.
            let generated = generator.streams.map { $0.dropFirst(prompt.utf8.count) }.joined(separator: [UInt8(ascii: "\n")])
            let coverage = WordCoverage(text: generated, vocabulary: vocabulary)
            let share = coverage.fraction.map { String(format: "%.1f %%", 100 * $0) } ?? "no such words"
            FileHandle.standardError.write(Data(
                "words of 4+ letters that are words of the corpus: \(coverage.known) of \(coverage.words) (\(share))\n".utf8))
        }
    }
}
