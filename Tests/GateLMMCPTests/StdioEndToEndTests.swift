import Foundation
import GateLMMCP
import GateLMSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The built `gatelm-mcp` over real pipes, as an MCP client runs it.
@Suite struct StdioEndToEndTests {
    /// `gatelm-mcp` beside the test bundle (or one level up, outside an .xctest directory), or
    /// the one GATELM_MCP_EXECUTABLE names (to run these tests against another build).
    static let executable: String? = {
        if let named = ProcessInfo.processInfo.environment["GATELM_MCP_EXECUTABLE"] { return named }
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return [directory, directory.deletingLastPathComponent()].map { $0.appendingPathComponent("gatelm-mcp").path }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static let initialize = #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"e2e","version":"1"}}}"#
    static let initialized = #"{"jsonrpc":"2.0","method":"notifications/initialized"}"#

    /// Runs the server on `lines` (stdin closed after them) over a corpus of `corpusBytes`.
    func serve(_ lines: [String], corpusBytes: Int = 3000, timeLimit: Double = 300, root: String = MCPFixtures.directory()) throws -> (answers: [JSONValue], result: ExternalCommand.Result) {
        try Data(MCPFixtures.text(bytes: corpusBytes)).write(to: URL(fileURLWithPath: root + "/corpus.txt"))
        try MCPFixtures.program.write(toFile: root + "/p.symtx", atomically: true, encoding: .utf8)
        let result = try ExternalCommand.run(Self.executable!, ["--role", "reader", "--store", root + "/runs", "--name", "e2e", "--program", root + "/p.symtx",
                                                           "--corpus", root + "/corpus.txt"],
                                             input: Data((lines.joined(separator: "\n") + "\n").utf8), timeLimit: timeLimit)
        // Every stdout line must be one whole JSON-RPC message (the log is on stderr).
        let answers = try result.stdout.split(separator: "\n").map { line in
            do { return try JSONParser.parse(Array(line.utf8)) } catch { throw TestClient.Failure("not one JSON message (\(error)): \(line.prefix(200))…") }
        }
        return (answers, result)
    }

    @Test(.enabled(if: executable != nil, "gatelm-mcp is not built beside the test bundle (swift build --product gatelm-mcp)"))
    func initializeListAndCallOverStdio() throws {
        let (answers, result) = try serve([
            Self.initialize, Self.initialized,
            #"{"jsonrpc":"2.0","id":2,"method":"tools/list"}"#,
            #"{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"evaluate","arguments":{"split":"dev_small"}}}"#,
        ])
        #expect(result.succeeded, "stderr: \(result.stderr)")
        let byID = Dictionary(answers.map { ($0["id"]?.intValue ?? -1, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(answers.count == 3 && Set(byID.keys) == [1, 2, 3])
        let tools = (byID[2]?["result"]?["tools"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
        #expect(tools.contains("evaluate") && !tools.contains("apply_patch"))
        #expect(byID[3]?["result"]?["isError"] == false && byID[3]?["result"]?["structuredContent"]?["bits_per_byte"]?.isNumber == true)
        #expect(result.stderr.contains("gatelm-mcp: serving"))
    }

    /// 40 large answers (~100 KB each, beyond a pipe's buffer) computed concurrently: every one
    /// arrives whole, once, under its id. The SDK's transport interleaved them on EAGAIN.
    @Test(.enabled(if: executable != nil, "gatelm-mcp is not built beside the test bundle"))
    func manyConcurrentLargeAnswersArriveWholeAndOnce() throws {
        let calls = (0..<40).map { k in
            #"{"jsonrpc":"2.0","id":\#(100 + k),"method":"tools/call","params":{"name":"worst_positions","arguments":{"split":"dev","limit":1000}}}"#
        }
        let (answers, result) = try serve([Self.initialize, Self.initialized] + calls, corpusBytes: 60_000)
        #expect(result.succeeded, "stderr: \(result.stderr)")
        let ids = answers.compactMap { $0["id"]?.intValue }
        #expect(ids.sorted() == [1] + (100..<140).map { $0 })
        for answer in answers where answer["id"] != 1 {
            let positions = answer["result"]?["structuredContent"]?["positions"]?.arrayValue
            #expect(positions?.count == 1000, "\(JSONWriter.string(answer).prefix(300))")
        }
        #expect(answers.map { JSONWriter.bytes($0).count }.max() ?? 0 > 65_536)
    }

    /// Malformed ids, parse errors, a 10 MB message: each answered, the next request served,
    /// and the server exits (status 0) when its input ends.
    @Test(.enabled(if: executable != nil, "gatelm-mcp is not built beside the test bundle"))
    func badMessagesAreAnsweredAndTheServerExitsAtEndOfInput() throws {
        let huge = #"{"jsonrpc":"2.0","id":"huge","method":"tools/call","params":{"name":"try_patch","arguments":{"patch":""#
            + String(repeating: "x", count: 10_000_000) + #""}}}"#
        let (answers, result) = try serve([
            #"{"jsonrpc":"2.0","id":1.5,"method":"ping"}"#,
            #"{"jsonrpc":"2.0","id":true,"method":"ping"}"#,
            #"{"jsonrpc":"2.0","id":{"o":1},"method":"ping"}"#,
            #"{"jsonrpc":"2.0","id":1267650600228229401496703205376,"method":"ping"}"#,
            #"{"jsonrpc":"2.0","id":"s","method":"tools/call","params":{"name":"history"}}"#,
            Self.initialize, "{not json", huge,
            #"{"jsonrpc":"2.0","id":"\ud800","method":"ping"}"#,
            #"{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"history"}}"#,
        ], timeLimit: 120)
        #expect(result.succeeded, "exit: \(result.status), stderr: \(result.stderr.suffix(500))")
        #expect(answers.count == 10)
        #expect(answers.prefix(4).allSatisfy { $0["id"] == .null && $0["error"]?["code"] == -32600 })
        #expect(answers.first { $0["id"] == "s" }?["error"]?["code"] == -32002)
        #expect(answers.contains { $0["id"] == .null && $0["error"]?["code"] == -32700 })
        #expect(answers.first { $0["id"] == "huge" }?["error"]?["code"] == -32600)
        #expect(answers.first { $0["id"] == "\u{FFFD}" }?["result"] == [:])
        #expect(answers.first { $0["id"] == 9 }?["result"]?["isError"] == false)
    }

    /// The paths of issue 30 over a real pipe: refused, the server alive after each (before,
    /// /dev/zero aborted it, a FIFO blocked it, /etc/shadow\0.symtx opened /etc/shadow).
    @Test(.enabled(if: executable != nil, "gatelm-mcp is not built beside the test bundle"))
    func pathsNamedByAnAgentAreRefusedOverStdio() throws {
        let root = MCPFixtures.directory()
        #expect(mkfifo(root + "/fifo.aig", 0o600) == 0)
        let paths = ["/etc/shadow\\u0000.symtx", "/dev/zero", "/dev/urandom", "/dev/stdin", root + "/fifo.aig", "/etc/passwd"]
        let calls = paths.enumerated().map { k, path in
            #"{"jsonrpc":"2.0","id":\#(10 + k),"method":"tools/call","params":{"name":"circuit_trace","arguments":{"prompt":"the","model":"\#(path)"}}}"#
        }
        let (answers, result) = try serve([Self.initialize, Self.initialized] + calls + [#"{"jsonrpc":"2.0","id":99,"method":"ping"}"#], timeLimit: 120, root: root)
        #expect(result.succeeded, "exit \(result.status), stderr: \(result.stderr.suffix(500))")
        for k in paths.indices {
            let answer = answers.first { $0["id"]?.intValue == 10 + k }
            let text = answer?["result"]?["content"]?.arrayValue?.first?["text"]?.stringValue ?? ""
            #expect(answer?["result"]?["isError"] == true && !text.contains("root:"), "\(paths[k]): \(text)")
        }
        #expect(answers.first { $0["id"] == 99 }?["result"] == [:])
    }
}

extension JSONValue {
    var isNumber: Bool {
        switch self {
        case .int, .double: return true
        default: return false
        }
    }
}
