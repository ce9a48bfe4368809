import ArgumentParser

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
            OptimizeCommand.self,
            CecCommand.self,
            GenerateCommand.self,
            ToyCommand.self,
            TraceCommand.self,
            AttributeCommand.self,
            ExplainCommand.self,
            QueryCommand.self,
            ContrastCommand.self,
            ModulesCommand.self,
            ViewCommand.self,
        ]
    )
}
