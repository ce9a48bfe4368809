import Foundation
import GateLMMCP
import GateLMSupport
import Synchronization
import SymbolicHarness

/// A workbench on a small generated text, served by an in-process session.
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

    /// An initialized client of a fresh server for `role`; `allow`: more readable directories.
    static func client(role: ServerRole, allow: [String] = []) async throws -> TestClient {
        let client = try await uninitializedClient(role: role, allow: allow)
        let answer = try await client.request("initialize", ["protocolVersion": "2025-06-18", "capabilities": [:], "clientInfo": ["name": "tests", "version": "1"]])
        guard answer["result"]?["protocolVersion"] == "2025-06-18" else { throw TestClient.Failure("initialize: \(JSONWriter.string(answer))") }
        await client.notify("notifications/initialized")
        return client
    }

    static func uninitializedClient(role: ServerRole, allow: [String] = []) async throws -> TestClient {
        let root = directory()
        let store = try VersionStore(root: root, name: "p")
        let workbench = try Workbench(store: store, corpus: text(), initialProgram: program)
        let files = try ConfinedFile(roots: [store.directory] + allow, maximumBytes: 1 << 20)
        let output = CollectingOutput()
        return TestClient(session: GateLMServer.session(workbench: workbench, role: role, files: files, output: output), output: output, storeDirectory: store.directory)
    }
}

/// Collects a session's messages and hands each answer to whoever waits for its id.
final class CollectingOutput: MessageOutput, Sendable {
    private struct State {
        var messages: [[UInt8]] = []
        var answers: [String: JSONValue] = [:]
        var waiters: [String: CheckedContinuation<JSONValue, Never>] = [:]
    }
    private let state = Mutex(State())

    func send(_ message: [UInt8]) {
        let value = (try? JSONParser.parse(message)) ?? .string("not JSON: " + String(decoding: message, as: UTF8.self))
        let key = value["id"].map { JSONWriter.string($0) } ?? "?"
        let waiter: CheckedContinuation<JSONValue, Never>? = state.withLock { s in
            s.messages.append(message)
            if let w = s.waiters.removeValue(forKey: key) { return w }
            s.answers[key] = value
            return nil
        }
        waiter?.resume(returning: value)
    }

    /// The answer under `id` (a JSON text such as `7` or `"a"`), waiting for it.
    func answer(id: String) async -> JSONValue {
        await withCheckedContinuation { c in
            let ready: JSONValue? = state.withLock { s in
                if let a = s.answers.removeValue(forKey: id) { return a }
                s.waiters[id] = c
                return nil
            }
            if let ready { c.resume(returning: ready) }
        }
    }

    var messages: [[UInt8]] { state.withLock { $0.messages } }
}

/// A client of an in-process session: raw lines in, parsed answers out.
struct TestClient: Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }

    let session: MCPSession
    let output: CollectingOutput
    let storeDirectory: String
    private static let ids = Mutex(1000)

    /// Sends a raw line and returns the answer under `answerID` (a JSON text; "null" for id null).
    func send(raw line: String, answerID: String) async -> JSONValue {
        await session.receive(Array(line.utf8))
        return await output.answer(id: answerID)
    }

    func request(_ method: String, _ params: JSONValue? = nil) async throws -> JSONValue {
        let id = Self.ids.withLock { $0 += 1; return $0 }
        var message: [String: JSONValue] = ["jsonrpc": "2.0", "id": .int(id), "method": .string(method)]
        if let params { message["params"] = params }
        await session.receive(JSONWriter.bytes(.object(message)))
        return await output.answer(id: String(id))
    }

    func notify(_ method: String, _ params: JSONValue? = nil) async {
        var message: [String: JSONValue] = ["jsonrpc": "2.0", "method": .string(method)]
        if let params { message["params"] = params }
        await session.receive(JSONWriter.bytes(.object(message)))
    }

    func call(_ name: String, _ arguments: [String: JSONValue] = [:]) async throws -> ToolOutcome {
        let answer = try await request("tools/call", ["name": .string(name), "arguments": .object(arguments)])
        if let error = answer["error"] {
            return ToolOutcome(text: error["message"]?.stringValue ?? "", isError: true, structured: nil, protocolError: error["code"]?.intValue)
        }
        guard let result = answer["result"] else { throw Failure("no result: \(JSONWriter.string(answer))") }
        let text = (result["content"]?.arrayValue ?? []).compactMap { $0["text"]?.stringValue }.joined()
        return ToolOutcome(text: text, isError: result["isError"]?.boolValue ?? false, structured: result["structuredContent"], protocolError: nil)
    }

    func listTools() async throws -> [JSONValue] {
        try await request("tools/list")["result"]?["tools"]?.arrayValue ?? []
    }
}

/// A tool call's outcome: the text, whether it is an error, and the JSON object when it is not.
struct ToolOutcome {
    var text: String
    var isError: Bool
    var structured: JSONValue?
    /// The JSON-RPC error code when the call was refused at the protocol level.
    var protocolError: Int?
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:] }
}
