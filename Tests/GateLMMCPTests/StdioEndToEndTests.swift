import Foundation
import GateLMSupport
import Testing

/// The built `gatelm-mcp` over stdio, as an MCP client runs it.
@Suite struct StdioEndToEndTests {
    /// `gatelm-mcp` beside the test bundle (or one level up, outside an .xctest directory).
    static let executable: String? = {
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return [directory, directory.deletingLastPathComponent()].map { $0.appendingPathComponent("gatelm-mcp").path }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    @Test(.enabled(if: executable != nil, "gatelm-mcp is not built beside the test bundle (swift build --product gatelm-mcp)"))
    func initializeListAndCallOverStdio() throws {
        let root = MCPFixtures.directory()
        try Data(MCPFixtures.text()).write(to: URL(fileURLWithPath: root + "/corpus.txt"))
        try MCPFixtures.program.write(toFile: root + "/p.symtx", atomically: true, encoding: .utf8)
        let requests = [
            #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"e2e","version":"1"}}}"#,
            #"{"jsonrpc":"2.0","method":"notifications/initialized"}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"tools/list"}"#,
            #"{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"evaluate","arguments":{"split":"dev_small"}}}"#,
        ]
        let result = try ExternalCommand.run(Self.executable!, ["--role", "reader", "--store", root + "/runs", "--name", "e2e", "--program", root + "/p.symtx",
                                                           "--corpus", root + "/corpus.txt"],
                                             input: Data((requests.joined(separator: "\n") + "\n").utf8), timeLimit: 120)
        #expect(result.succeeded, "stderr: \(result.stderr)")
        // Every stdout line is a JSON-RPC response (the log is on stderr), one per request, in any order.
        let lines: [Substring] = result.stdout.split(separator: "\n")
        var byID = [Int: [String: Any]]()
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not JSON: \(line)")
            let id = try #require(object["id"] as? Int)
            byID[id] = object
        }
        #expect(lines.count == 3 && Set(byID.keys) == [1, 2, 3])
        let list = byID[2]?["result"] as? [String: Any]
        let tools: [String] = (list?["tools"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(tools.contains("evaluate") && !tools.contains("apply_patch"))
        let call = byID[3]?["result"] as? [String: Any]
        let structured = call?["structuredContent"] as? [String: Any]
        #expect(call?["isError"] as? Bool == false)
        #expect(structured?["bits_per_byte"] is Double)
        #expect(result.stderr.contains("gatelm-mcp: serving"))
    }
}
