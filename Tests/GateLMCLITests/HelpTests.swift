import Testing

@Suite struct HelpTests {
    @Test(arguments: [["--help"], ["stats", "--help"], ["convert", "--help"], ["emit", "--help"],
                      ["emit", "c", "--help"], ["emit", "verilog", "--help"], ["emit", "dot", "--help"],
                      ["simulate", "--help"], ["demo", "--help"], ["train", "--help"], ["eval", "--help"],
                      ["compile", "--help"], ["generate", "--help"], ["toy", "--help"],
                      ["symbolic", "score", "--help"], ["symbolic", "search", "--help"], ["mcp", "--help"]])
    func everyCommandExplainsItself(arguments: [String]) throws {
        let result = try GateLMProcess.run(arguments)
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE:") && result.stdout.contains("OVERVIEW:"))
    }

    @Test func unknownOptionsFailOnStderr() throws {
        let result = try GateLMProcess.run(["stats", "--frobnicate", "x.aig"])
        #expect(result.status != 0 && result.stderr.contains("frobnicate") && result.stdout.isEmpty)
    }
}
