import ArgumentParser
import CommandLineOptions
import Foundation
import Symbolic
import SymbolicHarness
import Text

/// `gatelm symbolic`: the scoring protocol and the search on a symbolic program.
struct SymbolicCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "symbolic",
        abstract: "Score a symbolic transformer program under the agents' protocol, or improve it by an unattended search.",
        subcommands: [SymbolicScoreCommand.self, SymbolicSearchCommand.self]
    )
}

/// The program's text, with the file named in every error.
private func readProgram(_ path: String) throws -> SymbolicProgram {
    let data: Data
    do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch { throw CLIError("\(path): cannot read the file: \(error.localizedDescription)") }
    do { return try SymbolicProgram(parsing: String(decoding: data, as: UTF8.self)) } catch { throw CLIError("\(path):\(error)") }
}

private func splits(_ corpus: CorpusOption) throws -> CorpusSplits {
    let text = try corpus.load()
    do { return try CorpusSplits(bytes: text.bytes) } catch { throw CLIError("\(text.name): \(error)") }
}

struct SymbolicScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Bits/byte of a program on dev_small, dev and (a checkpoint) val, beside unigram, bigram and order-4.",
        discussion: """
            The protocol the MCP tools use: rows fitted on the first 80 % of the corpus; dev is 80–90 %, \
            dev_small a fixed sample of it (its rows fitted on a fixed sample of fit); the checkpoint refits on the \
            first 90 % and scores the last 10 % (val, never shown to agents). --json prints one object: dev_small, \
            dev and val, each with positions, bits_per_byte, baselines {unigram, bigram, order4} and seconds (the \
            program's evaluation included, the baselines' fitting not).

            Example:
              gatelm symbolic score examples/symbolic/shakespeare.symtx --corpus tinyshakespeare.txt
            """
    )

    @Argument(help: "A .symtx program.")
    var program: String

    @OptionGroup var corpus: CorpusOption

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    func run() throws {
        let program = try readProgram(program)
        var scoring = ProgramScoring(splits: try splits(corpus))
        let small: SplitScore, dev: SplitScore, val: CheckpointScore
        var seconds = [Double]()
        _ = (scoring.baselineScores(.devSmall), scoring.baselineScores(.dev))   // not timed
        do {
            var clock = Date()
            func lap() { seconds.append(Date().timeIntervalSince(clock)); clock = Date() }
            small = try scoring.score(program, on: .devSmall); lap()
            dev = try scoring.score(program, on: .dev); lap()
            val = try scoring.checkpoint(program); lap()
        } catch { throw CLIError("\(self.program): \(error)") }
        func row(_ b: BaselineScores) -> [String: Double] { ["unigram": b.unigram, "bigram": b.bigram, "order4": b.order4] }
        if json {
            let object: [String: Any] = [
                "dev_small": ["positions": small.positions, "bits_per_byte": small.bitsPerByte, "baselines": row(small.baselines), "seconds": seconds[0]],
                "dev": ["positions": dev.positions, "bits_per_byte": dev.bitsPerByte, "baselines": row(dev.baselines), "seconds": seconds[1]],
                "val": ["positions": val.positions, "bits_per_byte": val.bitsPerByte, "baselines": row(val.baselines), "seconds": seconds[2]],
            ]
            print(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self))
            return
        }
        print("split      positions   program   unigram    bigram   order-4   seconds")
        for (k, (name, n, bpb, b)) in [("dev_small", small.positions, small.bitsPerByte, small.baselines), ("dev", dev.positions, dev.bitsPerByte, dev.baselines),
                                       ("val", val.positions, val.bitsPerByte, val.baselines)].enumerated() {
            print(name.padding(toLength: 10, withPad: " ", startingAt: 0) + String(format: " %9d %9.4f %9.4f %9.4f %9.4f %9.2f", n, bpb, b.unigram, b.bigram, b.order4, seconds[k]))
        }
        print("dev_small's rows are fitted on a fixed sample of fit, dev's on all of fit; val is a checkpoint: rows refitted on the first 90 %")
    }
}

struct SymbolicSearchCommand: NumericOptionsCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Improve a program unattended: refine the rules behind the costliest winners on dev, keep what lowers dev bits/byte.",
        discussion: """
            Every try is a version in the store (STORE/NAME/vNNNN.symtx and log.tsv, the layout the MCP \
            tools use), kept or reverted; HEAD is the best. The program becomes version 1 when the store is \
            new; otherwise the search continues from HEAD. Ends with the val checkpoint of the start and the \
            result. --json prints the outcome: start_version, final_version, start_dev_bits_per_byte, \
            final_dev_bits_per_byte, start_val_bits_per_byte, final_val_bits_per_byte, steps [{version, kept, \
            dev_bits_per_byte, patch}], seconds.

            Example:
              gatelm symbolic search examples/symbolic/shakespeare.symtx --corpus tinyshakespeare.txt --minutes 10 --store runs --name search
            """
    )

    @Argument(help: "A .symtx program (version 1 of a new store).")
    var program: String

    @OptionGroup var corpus: CorpusOption

    @Option(parsing: .unconditional, help: "Wall-clock budget in minutes (0.01...10000).")
    var minutes = 10.0

    @Option(help: "The directory that holds the stores.")
    var store = "runs"

    @Option(help: "The store's name: its versions live in STORE/NAME/.")
    var name = "search"

    @Flag(help: "Print the outcome as one JSON object.")
    var json = false

    var numericOptions: [NumericOption] { [.real("--minutes", minutes, 0.01...10_000)] }

    func validate() throws { try validateNumericOptions() }

    func run() throws {
        let start = try readProgram(program)
        var versions: VersionStore
        do {
            versions = try VersionStore(root: store, name: name)
            if versions.versionCount == 0 { try versions.commit(start.text, parent: 0, devSmall: nil, dev: nil, status: .kept, role: "search", note: "start: \(program)") }
        } catch { throw CLIError("\(error)") }
        var search = SymbolicSearch(scoring: ProgramScoring(splits: try splits(corpus)), store: versions, options: .init(seconds: minutes * 60))
        let outcome: SymbolicSearch.Outcome
        do {
            outcome = try search.run { step in
                FileHandle.standardError.write(Data(String(format: "v%04d %@ dev %.4f  %@\n", step.version, step.kept ? "kept    " : "reverted",
                                                           step.devBitsPerByte, step.patch.split(separator: "\n").dropFirst().first.map(String.init) ?? "").utf8))
            }
        } catch { throw CLIError("\(error)") }
        let first: CheckpointScore, last: CheckpointScore
        do {
            first = try search.scoring.checkpoint(try SymbolicProgram(parsing: search.store.text(of: outcome.startVersion)))
            last = try search.scoring.checkpoint(try SymbolicProgram(parsing: search.store.text(of: outcome.finalVersion)))
        } catch { throw CLIError("\(error)") }
        if json {
            let object: [String: Any] = [
                "start_version": outcome.startVersion, "final_version": outcome.finalVersion,
                "start_dev_bits_per_byte": outcome.startDevBitsPerByte, "final_dev_bits_per_byte": outcome.finalDevBitsPerByte,
                "start_val_bits_per_byte": first.bitsPerByte, "final_val_bits_per_byte": last.bitsPerByte,
                "steps": outcome.steps.map { ["version": $0.version, "kept": $0.kept, "dev_bits_per_byte": $0.devBitsPerByte, "patch": $0.patch] as [String: Any] },
                "seconds": outcome.seconds,
            ]
            print(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self))
            return
        }
        print(String(format: "%d tries, %d kept in %.0f s: v%d -> v%d", outcome.steps.count, outcome.steps.filter(\.kept).count, outcome.seconds,
                     outcome.startVersion, outcome.finalVersion))
        print(String(format: "dev  %.4f -> %.4f bits/byte (%+.4f)", outcome.startDevBitsPerByte, outcome.finalDevBitsPerByte, outcome.finalDevBitsPerByte - outcome.startDevBitsPerByte))
        print(String(format: "val  %.4f -> %.4f bits/byte (%+.4f; checkpoint)", first.bitsPerByte, last.bitsPerByte, last.bitsPerByte - first.bitsPerByte))
        print("versions: \(search.store.directory)")
    }
}

/// `gatelm mcp`: the MCP server, which is its own executable (`gatelm-mcp`, beside this one):
/// `gatelm mcp ARGS` is `gatelm-mcp ARGS`, so a client may register either.
struct MCPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve a symbolic program's workbench to agents over MCP on stdio (runs gatelm-mcp; see docs/mcp.md).",
        discussion: "Every argument goes to gatelm-mcp, for example: gatelm mcp --role editor --store runs --name shakespeare --program examples/symbolic/shakespeare.symtx --corpus tinyshakespeare.txt"
    )

    @Argument(parsing: .allUnrecognized, help: "The arguments of gatelm-mcp (--role, --store, --name, --program, --corpus, --allow).")
    var arguments: [String] = []

    func run() throws {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let server = here.appendingPathComponent("gatelm-mcp").path
        guard FileManager.default.isExecutableFile(atPath: server) else {
            throw CLIError("gatelm-mcp is not built beside \(CommandLine.arguments[0]): run `swift build -c release --product gatelm-mcp`")
        }
        let argv: [UnsafeMutablePointer<CChar>?] = ([server] + arguments).map { strdup($0) } + [nil]
        execv(server, argv)
        throw CLIError("cannot run \(server): \(String(cString: strerror(errno)))")
    }
}
