import ArgumentParser
import Foundation

/// The `gatelm` command-line program: thin wrappers over the GateLM libraries.
@main
struct GateLM: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gatelm",
        abstract: "Language models made of logic gates: build, simulate, emit and check And-Inverter Graphs.",
        discussion: """
            Circuits are read from AIGER files (.aag ASCII or .aig binary, AIGER 1.9). \
            Run `gatelm help <command>` for the options of each command.
            """,
        subcommands: [
            StatsCommand.self,
            ConvertCommand.self,
            EmitCommand.self,
            SimulateCommand.self,
            DemoCommand.self,
            TrainCommand.self,
            EvalCommand.self,
            CompileCommand.self,
            VerifyCommand.self,
            ExportCommand.self,
            OptimizeCommand.self,
            CecCommand.self,
            GenerateCommand.self,
            ToyCommand.self,
            TraceCommand.self,
            AttributeCommand.self,
            ExplainCommand.self,
            CheckProofCommand.self,
            QueryCommand.self,
            ContrastCommand.self,
            ModulesCommand.self,
            FeaturesCommand.self,
            ViewCommand.self,
            SymbolicCommand.self,
            MCPCommand.self,
        ]
    )

    /// Runs the command; a usage error (an option that does not parse or is out of range) exits
    /// with status 2, as Unix tools do, rather than ArgumentParser's 64, so that every bad value
    /// gives 1 or 2. Help and version requests still exit 0.
    static func main() {
        do {
            var command = try parseAsRoot(TrainArchAlias.rewrite(Array(CommandLine.arguments.dropFirst())))
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
