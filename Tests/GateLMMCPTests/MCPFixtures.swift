import Foundation
import GateLMMCP
import GateLMSupport
import MCP
import SymbolicHarness

/// A workbench on a small generated text, served to an in-process client.
enum MCPFixtures {
    /// About 3 KB of words from a small vocabulary, seeded.
    static func text(bytes: Int = 3000) -> [UInt8] {
        let words = ["the", "cat", "sat", "on", "a", "mat", "and", "the", "dog", "ran"]
        var random = SplitMix64(seed: 11), out = [UInt8]()
        while out.count < bytes { out += Array(words[random.nextIndex(below: words.count)].utf8) + [UInt8(ascii: " ")] }
        return Array(out.prefix(bytes))
    }

    /// The current byte as the prediction label, and a rule that recognises "the".
    static let program = """
        symtx 1
        window layers=1 span=2

        labels
          group lower = b:'a'..b:'z'

        layer 1
          shift p1 offset=1 copy=b:'h'
          shift p2 offset=2 copy=b:'t'
          rule w_the all {b:'e', p1.b:'h', p2.b:'t'} -> +w:the
          rule cur any {lower, b:' '} -> +c.@self

        unembed
          order w:the > c.b:*
          smooth dirichlet beta=1.0

        """

    static func directory() -> String {
        let path = NSTemporaryDirectory() + "gatelm-mcp-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A connected client of a fresh server for `role`.
    static func client(role: ServerRole) async throws -> Client {
        let store = try VersionStore(root: directory(), name: "p")
        let workbench = try Workbench(store: store, corpus: text(), initialProgram: program)
        let server = await GateLMServer.make(workbench: workbench, role: role)
        let (clientSide, serverSide) = await InMemoryTransport.createConnectedPair()
        try await server.start(transport: serverSide)
        let client = Client(name: "tests", version: "1")
        _ = try await client.connect(transport: clientSide)
        return client
    }
}

/// A tool call's outcome: the text, whether it is an error, and the JSON object when it is not.
struct ToolOutcome {
    var text: String
    var isError: Bool
    var structured: Value?
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:] }
}

extension Client {
    func call(_ name: String, _ arguments: [String: Value] = [:]) async throws -> ToolOutcome {
        let context: RequestContext<CallTool.Result> = try callTool(name: name, arguments: arguments)
        let result = try await context.value
        var text = ""
        for case .text(let t, _, _) in result.content { text += t }
        return ToolOutcome(text: text, isError: result.isError ?? false, structured: result.structuredContent)
    }
}
