import Foundation
import GateLMSupport
import Testing

/// gatelm-mcp under the official MCP Python SDK (scripts/mcp-client-check.py in the venv
/// scripts/setup-mcp-client.sh makes; scripts/test.sh makes it before the tests run).
@Suite struct PythonClientTests {
    static let python: String? = {
        let path = ProcessInfo.processInfo.environment["GATELM_MCP_CLIENT_PYTHON"]
            ?? FileManager.default.currentDirectoryPath + "/.build-venv/mcp-client/bin/python"
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }()
    static let script = FileManager.default.currentDirectoryPath + "/scripts/mcp-client-check.py"

    @Test(.enabled(if: python != nil && StdioEndToEndTests.executable != nil,
                   "needs gatelm-mcp built and the MCP Python SDK's venv (scripts/setup-mcp-client.sh)"))
    func theOfficialPythonClientWorksUnmodified() throws {
        let root = MCPFixtures.directory()
        try Data(MCPFixtures.text(bytes: 60_000)).write(to: URL(fileURLWithPath: root + "/corpus.txt"))
        try MCPFixtures.program.write(toFile: root + "/p.symtx", atomically: true, encoding: .utf8)
        let result = try ExternalCommand.run(Self.python!, [Self.script, "--", StdioEndToEndTests.executable!, "--role", "reader",
                                                           "--store", root + "/runs", "--name", "py", "--program", root + "/p.symtx",
                                                           "--corpus", root + "/corpus.txt"], timeLimit: 600)
        #expect(result.succeeded, "\(result.stdout)\n\(result.stderr.suffix(2000))")
        #expect(result.stdout.contains("mcp-client-check: 7 passed, 0 failed"), "\(result.stdout)")
    }
}
