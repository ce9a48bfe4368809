// The `mcp` fuzz target: the server's request handling end to end. The bytes are the client's
// side of a stdio connection (newline-delimited messages, framed by the server's LineFramer
// with a 64 KiB bound); an initialize is sent first when the first byte is odd (`{` is), so both the
// uninitialised and the serving states are reached. Every message the session writes must be
// one well-formed JSON-RPC answer (jsonrpc 2.0, an id that is null, a string or an integer,
// exactly one of result and error), no answer may be owed once the session drains, and a ping
// sent after the input must still be answered. Tool calls reach the real tools on a small
// served program, except the solver-backed ones (circuit_explain, circuit_query) and compile,
// whose time limits a fuzzer would only spend.
import Dispatch
import Foundation
import GateLMMCP
import GateLMSupport
import LanguageModels
import Synchronization
import SymbolicHarness

/// Collects answers; checks each as it comes.
final class FuzzOutput: MessageOutput, Sendable {
    let answers = Mutex([JSONValue]())

    func send(_ message: [UInt8]) {
        precondition(!message.contains(0x0A), "an answer spans more than one line")
        let value: JSONValue
        do { value = try JSONParser.parse(message) } catch { fatalError("an answer is not JSON: \(error)") }
        precondition(value["jsonrpc"] == "2.0", "an answer without jsonrpc 2.0")
        switch value["id"] {
        case .null?, .string?, .int?: break
        default: fatalError("an answer's id is not null, a string or an integer")
        }
        precondition((value["result"] == nil) != (value["error"] == nil), "an answer needs exactly one of result and error")
        if let error = value["error"] { precondition(error["code"]?.intValue != nil && error["message"]?.stringValue != nil, "a malformed error") }
        answers.withLock { $0.append(value) }
    }
}

/// The real tools, less the ones whose budgets are seconds of solver time.
struct FuzzTools: MCPToolProvider {
    let inner: GateLMTools
    var tools: [JSONValue] { inner.tools }
    func call(name: String, arguments: JSONValue?) async -> Result<JSONValue, JSONRPCError> {
        if ["circuit_explain", "circuit_query", "compile", "circuit_modules"].contains(name) {
            return .failure(JSONRPCError(JSONRPCError.invalidParams, "not fuzzed"))
        }
        return await inner.call(name: name, arguments: arguments)
    }
}

let fuzzWorkbench: (Workbench, ConfinedFile) = {
    let root = NSTemporaryDirectory() + "gatelm-fuzz-mcp-\(getpid())"
    try? FileManager.default.removeItem(atPath: root)
    let words = ["the", "cat", "sat", "on", "a", "mat", "and", "dog", "ran"]
    var random = SplitMix64(seed: 5), text = [UInt8]()
    while text.count < 2000 { text += Array(words[random.nextIndex(below: words.count)].utf8) + [0x20] }
    do {
        let store = try VersionStore(root: root, name: "p")
        let workbench = try Workbench(store: store, corpus: text, initialProgram: SymbolicFamily.sampleSource, role: "editor")
        return (workbench, try ConfinedFile(roots: [store.directory], maximumBytes: 1 << 20))
    } catch { fatalError("the fuzz workbench: \(error)") }
}()

func fuzzMCP(_ bytes: [UInt8]) {
    let output = FuzzOutput()
    let (workbench, files) = fuzzWorkbench
    let session = MCPSession(server: GateLMServer.description,
                             provider: FuzzTools(inner: GateLMTools(workbench: workbench, role: .reader, files: files)), output: output)
    var framer = LineFramer(maximumBytes: 1 << 16)
    var events = [LineFramer.Event]()
    if bytes.first.map({ $0 & 1 == 1 }) ?? true {
        events += framer.push(Array(#"{"jsonrpc":"2.0","id":"fuzz-init","method":"initialize","params":{"protocolVersion":"2025-06-18"}}"#.utf8) + [0x0A])
    }
    events += framer.push(bytes)
    events += framer.finish()
    let done = DispatchSemaphore(value: 0)
    Task {
        for event in events {
            switch event {
            case .message(let m): await session.receive(m)
            case .oversized(let prefix, let count): await session.receiveOversized(prefix: prefix, byteCount: count, limit: 1 << 16)
            }
        }
        await session.drain()
        let owed = await session.owedAnswers
        precondition(owed == 0, "answers still owed after draining")
        await session.receive(Array(#"{"jsonrpc":"2.0","id":"fuzz-alive","method":"ping"}"#.utf8))
        done.signal()
    }
    done.wait()
    let alive = output.answers.withLock { $0.contains { $0["id"] == "fuzz-alive" && $0["result"] == [:] } }
    precondition(alive, "the session does not answer a ping after the input")
}
