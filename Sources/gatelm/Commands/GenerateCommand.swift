import ArgumentParser
import Circuits
import Dispatch
import Foundation
import LanguageModels

struct GenerateCommand: ParsableCommand {
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
            Throughput goes to stderr.

            Example:
              gatelm generate shakespeare.gatelm --prompt "ROMEO:" --bytes 300 --temperature 0.8
            """
    )

    @Argument(help: "A trained model or a compiled circuit (.aig/.aag).")
    var modelOrAIG: String

    @Option(help: "Text to start from.")
    var prompt = ""

    @Option(help: "Bytes to generate per stream.")
    var bytes = 200

    @Option(help: "Sampling temperature (0 = greedy).")
    var temperature = 1.0

    @Flag(help: "Greedy decoding: always the first highest score.")
    var greedy = false

    @Option(help: "Seed of the sampler.")
    var seed: UInt64 = 1

    @Option(help: "Independent streams generated side by side.")
    var streams = 1

    @Option(help: "Cores to use (many streams are split between them; default: all).")
    var threads = Simulator.defaultThreadCount

    func validate() throws {
        if bytes < 0 { throw ValidationError("--bytes must be at least 0") }
        if streams < 1 { throw ValidationError("--streams must be at least 1") }
        if temperature < 0 { throw ValidationError("--temperature must be at least 0") }
        if threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        let aig: AIG
        if modelOrAIG.hasSuffix(".aig") || modelOrAIG.hasSuffix(".aag") {
            aig = try CircuitFile.read(modelOrAIG)
        } else {
            aig = try ModelFile.read(modelOrAIG).checkpoint.model.circuit()
        }
        let model: CircuitLanguageModel
        do { model = try CircuitLanguageModel(aig) } catch { throw CLIError("\(modelOrAIG): \(error)") }
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
    }
}
