import ArgumentParser
import Foundation

/// `gatelm-bench`: GateLM measured side by side with its peers. Without a
/// subcommand it runs `simulation` (what `scripts/bench.sh` reports).
@main
struct GateLMBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gatelm-bench",
        abstract: "Measure GateLM side by side with its peers.",
        subcommands: [SimulationBenchmark.self, LMTrainingBenchmark.self, SynthesisBenchmark.self, InterpretBenchmark.self,
                      NGramBenchmark.self],
        defaultSubcommand: SimulationBenchmark.self
    )
}

/// Progress messages go to stderr, so stdout carries only the report.
func benchLog(_ message: String) {
    FileHandle.standardError.write(Data("bench: \(message)\n".utf8))
}
