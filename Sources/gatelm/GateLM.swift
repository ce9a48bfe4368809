import ArgumentParser

@main
struct GateLM: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "gatelm", abstract: "Language models made of logic gates.")
}
