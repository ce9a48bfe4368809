import ArgumentParser
import Circuits
import Foundation
import GateLMSupport
import LanguageModels
import Synthesis
import Text

/// `gatelm-bench synthesis`: GateLM's default optimisation script side by side with ABC's
/// `dc2`, `resyn2` and `&dc2` on the EPFL suite and on compiled language models.
struct SynthesisBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synthesis",
        abstract: "Measure GateLM's AIG optimisation side by side with ABC.",
        discussion: """
            Every circuit is structurally hashed first (ABC hashes on reading); then GateLM's \
            default script and each ABC script run on it. Times are the optimisation alone: \
            in-process for GateLM, ABC's own `time` around the script (reading excluded). \
            Language-model circuits given with --circuit are also simplified with --care \
            when --care-corpus is given, and their validation bits/byte is reported.
            """
    )

    @Option(help: "Directory of EPFL .aig files (default: ../shared/data/epfl).")
    var epfl = "../shared/data/epfl"

    @Option(help: "More circuits to measure (repeatable), such as compiled language models.")
    var circuit: [String] = []

    @Option(help: "Corpus for data-aware simplification of the --circuit language models.")
    var careCorpus: String?

    @Option(help: "Skip EPFL circuits with more ANDs than this.")
    var maxAnds = 1_000_000

    @Option(help: "Also write the report to this Markdown file.")
    var report: String?

    @Option(help: "GateLM script to measure (default: gatelm optimize's default script).")
    var script: String?

    @Flag(help: "Skip the equivalence-checking columns.")
    var noCec = false

    @Option(help: "Only these ABC scripts (comma-separated column names: dc2, resyn2, &dc2).")
    var abcOnly: String?

    /// The GateLM script measured.
    var gatelmScript: OptimizationScript {
        get throws { try script.map { try OptimizationScript(parsing: $0) } ?? .standard }
    }

    /// The ABC scripts compared, by column name.
    static let abcScripts: [(name: String, commands: String)] = [
        ("ABC dc2", "dc2"),
        ("ABC resyn2", ABCBridge.expandingAliases("resyn2")),
        ("ABC &dc2", "&get -n; &dc2; &put"),
    ]

    /// The ABC scripts measured.
    var abcScripts: [(name: String, commands: String)] {
        get throws {
            guard let abcOnly else { return Self.abcScripts }
            let names = abcOnly.split(separator: ",").map { "ABC " + $0.trimmingCharacters(in: .whitespaces) }
            return Self.abcScripts.filter { names.contains($0.name) }
        }
    }

    func run() throws {
        guard ABCBridge.isAvailable else { throw ValidationError("this benchmark needs berkeley-abc (scripts/setup.sh installs it)") }
        var circuits = try epflCircuits()
        for path in circuit {
            circuits.append(BenchCircuit(name: URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent,
                                         aig: try AIGERReader.read(path: path), path: path))
        }
        var table = MarkdownTable(["circuit", "ANDs in", "GateLM", "lev", "time"]
                                  + (try abcScripts).flatMap { [$0.name, "lev", "time"] }
                                  + ["GateLM ÷ dc2 ANDs", "GateLM ÷ dc2 time", "cec GateLM", "cec ABC"])
        var andRatios: [Double] = [], timeRatios: [Double] = [], totalSeconds = (ours: 0.0, dc2: 0.0)
        var languageModels: [MeasuredLanguageModel] = []
        for circuit in circuits {
            benchLog("\(circuit.name): \(circuit.aig.andCount) ANDs")
            let input = circuit.aig.structurallyHashed()
            let (ours, optimized) = try measureOurs(input)
            var row = [circuit.name, "\(input.andCount)", "\(ours.ands)", "\(ours.levels)", Format.seconds(ours.seconds)]
            var dc2: ABCResult?
            for script in try abcScripts {
                // ABC can fail on a circuit (&dc2 hits an assertion on hyp): the cell says so and the run goes on.
                guard let result = try? runABC(input, commands: script.commands) else {
                    benchLog("\(circuit.name): ABC failed on '\(script.commands)'")
                    row += ["ABC failed", "—", "—"]
                    continue
                }
                if script.name == "ABC dc2" { dc2 = result }
                row += ["\(result.ands)", "\(result.levels)", Format.seconds(result.seconds)]
            }
            let andRatio = dc2.map { Double(ours.ands) / Double(max($0.ands, 1)) }
            let timeRatio = dc2.map { ours.seconds / max($0.seconds, 0.005) }
            if circuit.path?.hasPrefix(epfl) == true {
                if let andRatio { andRatios.append(andRatio) }
                if let timeRatio { timeRatios.append(timeRatio) }
                if let dc2 {
                    totalSeconds.ours += ours.seconds
                    totalSeconds.dc2 += dc2.seconds
                }
            } else {
                languageModels.append(MeasuredLanguageModel(name: circuit.name, input: input, ours: ours.ands, dc2: dc2?.ands))
            }
            let cec = noCec ? (ours: "—", abc: "—") : try measureEquivalenceChecks(input, optimized)
            row += [Format.ratio(andRatio), Format.ratio(timeRatio), cec.ours, cec.abc]
            table.append(row)
        }
        var text = "# GateLM synthesis benchmark\n\n"
        text += "Machine: \(ProcessInfo.processInfo.activeProcessorCount) cores; \(Date()). "
        text += "GateLM script: `\(try gatelmScript)`.\n\n"
        text += table.text
        text += "\nEPFL geometric means, GateLM ÷ ABC dc2: ANDs \(Format.ratio(geometricMean(andRatios))), "
        text += "time \(Format.ratio(geometricMean(timeRatios))) (ABC's clock counts in 10 ms steps; below 5 ms it counts as 5 ms). "
        text += "Total time over the suite: GateLM \(Format.seconds(totalSeconds.ours)), ABC dc2 \(Format.seconds(totalSeconds.dc2)).\n"
        if let careCorpus, !languageModels.isEmpty { text += try careSection(languageModels, corpus: careCorpus) }
        print(text, terminator: "")
        if let report { try AtomicFile.write(text, to: report) }
    }

    private func epflCircuits() throws -> [BenchCircuit] {
        guard FileManager.default.fileExists(atPath: epfl) else {
            benchLog("no EPFL circuits at \(epfl)")
            return []
        }
        return try BenchCircuit.largestEPFL(in: epfl, count: .max)
            .filter { $0.aig.andCount <= maxAnds }
            .sorted { $0.name < $1.name }
    }

    struct Measured { var ands: Int; var levels: Int; var seconds: Double }
    typealias ABCResult = Measured

    private func measureOurs(_ aig: AIG) throws -> (Measured, AIG) {
        var result = aig
        let script = try gatelmScript
        let seconds = Stopwatch.seconds { result = script.run(aig) }
        return (Measured(ands: result.andCount, levels: result.depth, seconds: seconds), result)
    }

    /// Wall-clock seconds after which ABC's `cec` is killed: its own `-T`
    /// limit (20 s by default) is approximate, and on some pairs it runs for
    /// many minutes past it.
    static let abcCecTimeLimit = 300.0

    /// Time to prove `optimized` equivalent to `original`: GateLM's checker in process, ABC's
    /// `cec` between two `time` commands. Each cell says the verdict when it is not "equivalent".
    private func measureEquivalenceChecks(_ original: AIG, _ optimized: AIG) throws -> (ours: String, abc: String) {
        var verdict = "?"
        let seconds = Stopwatch.seconds {
            switch try? EquivalenceChecker().check(original, optimized) {
            case .equivalent: verdict = ""
            case .notEquivalent: verdict = " NOT EQUIVALENT"
            case .undecided, nil: verdict = " undecided"
            }
        }
        let run = try ABCBridge.execute(on: [original, optimized], requireSuccess: false, timeLimit: Self.abcCecTimeLimit) { inputs, _ in
            "time; cec \(inputs[0]) \(inputs[1]); time"
        }.result
        if run.timedOut { return (Format.seconds(seconds) + verdict, "> \(Int(Self.abcCecTimeLimit)) s (killed)") }
        let lines = run.stdout.split(separator: "\n")
        let abcVerdict = lines.contains { $0.contains("are equivalent") } ? "" : " (ABC: not proven)"
        let abcSeconds = lines.last { $0.hasPrefix("elapse:") }.flatMap { Self.number(after: "elapse:", in: $0) }
        return (Format.seconds(seconds) + verdict, Format.seconds(abcSeconds) + abcVerdict)
    }

    /// Runs `commands` in ABC between two `time` commands and reads the counts ABC prints.
    private func runABC(_ aig: AIG, commands: String) throws -> ABCResult {
        let output = try ABCBridge.execute(on: [aig]) { inputs, _ in
            "read \(inputs[0]); strash; time; \(commands); time; print_stats"
        }.result.stdout
        return try Self.parseABC(output)
    }

    /// The AND count and level of ABC's last `print_stats` and the elapsed time of its last `time`.
    static func parseABC(_ output: String) throws -> ABCResult {
        let lines = output.split(separator: "\n")
        guard let stats = lines.last(where: { $0.contains(" and =") }),
              let ands = number(after: " and", in: stats), let levels = number(after: " lev", in: stats),
              let timing = lines.last(where: { $0.hasPrefix("elapse:") }), let seconds = number(after: "elapse:", in: timing)
        else { throw ValidationError("could not read ABC's statistics from:\n\(output)") }
        return ABCResult(ands: Int(ands), levels: Int(levels), seconds: seconds)
    }

    /// The number ABC prints after `key` (and any spaces or `=`) in `line`.
    static func number(after key: String, in line: Substring) -> Double? {
        guard let range = line.range(of: key) else { return nil }
        let rest = line[range.upperBound...].drop { $0 == " " || $0 == "=" }
        return Double(rest.prefix { $0.isNumber || $0 == "." })
    }

    private func geometricMean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : exp(values.map(log).reduce(0, +) / Double(values.count))
    }

    /// A --circuit language model as the main table measured it.
    struct MeasuredLanguageModel {
        var name: String
        /// The circuit after structural hashing.
        var input: AIG
        /// ANDs after GateLM's script and after ABC dc2 (nil when ABC failed or was not run).
        var ours: Int
        var dc2: Int?
    }

    /// Data-aware simplification of each language-model circuit, then the script, beside the
    /// main table's figures for the script and ABC dc2 without it.
    private func careSection(_ models: [MeasuredLanguageModel], corpus path: String) throws -> String {
        let text = try Corpus(contentsOfFile: path)
        let split = CorpusSplit(text)
        let script = try gatelmScript
        var table = MarkdownTable(["circuit", "ANDs in", "ABC dc2", "GateLM", "GateLM --care", "÷ dc2", "bits/byte before", "after", "care time"])
        for measured in models {
            let model = try CircuitLanguageModel(measured.input)
            var simplified = measured.input
            let seconds = Stopwatch.seconds {
                let care = model.inputPatterns(of: split.training, in: text.bytes)
                simplified = script.run(measured.input.dataAwareSimplified(onCareSet: care).aig)
            }
            let before = try model.bitsPerByte(on: text.bytes, positions: split.validation)
            let after = try CircuitLanguageModel(simplified).bitsPerByte(on: text.bytes, positions: split.validation)
            table.append([measured.name, "\(measured.input.andCount)", measured.dc2.map { "\($0)" } ?? "—", "\(measured.ours)",
                          "\(simplified.andCount)", Format.ratio(measured.dc2.map { Double(simplified.andCount) / Double($0) }),
                          String(format: "%.4f", before), String(format: "%.4f", after), Format.seconds(seconds)])
        }
        return "\n## Compiled language models with --care (\(text.name), training contexts as the care set)\n\n" + table.text
    }
}
