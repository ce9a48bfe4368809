import GateLMSupport

/// Where a session's messages go. Each call hands over one whole message (no newline); an
/// implementation writes messages whole and in the order of the calls.
public protocol MessageOutput: Sendable {
    func send(_ message: [UInt8])
}

/// What a session serves: the tools it lists and how a call is answered.
public protocol MCPToolProvider: Sendable {
    /// The `tools/list` entries (name, description, inputSchema, annotations).
    var tools: [JSONValue] { get }
    /// The `tools/call` result object (`content`, `isError`, `structuredContent`), or a
    /// protocol error (an unknown tool, arguments that are not an object).
    func call(name: String, arguments: JSONValue?) async -> Result<JSONValue, JSONRPCError>
}

/// Who the server says it is in `initialize`.
public struct ServerDescription: Sendable {
    public var name: String
    public var version: String
    public var title: String
    public var instructions: String

    public init(name: String, version: String, title: String, instructions: String) {
        self.name = name
        self.version = version
        self.title = title
        self.instructions = instructions
    }
}

/// The MCP protocol of one connection, independent of the transport: initialize, ping,
/// tools/list, tools/call, notifications/cancelled. Every request gets exactly one answer
/// (a result or an error under its id) unless the client cancels it; malformed messages are
/// answered with an error under id null when no id can be read; nothing a message holds stops
/// the session from reading the next one. Tool calls run concurrently (at most
/// `concurrentCalls` at a time, the rest queued in arrival order); everything else is answered
/// before the next message is read. When `maximumQueuedCalls` calls wait, `receive` waits for
/// one to start, so a client that floods the server is read no faster than it is served.
public actor MCPSession {
    /// The protocol revisions this server speaks, newest first; an initialize that asks for
    /// another gets the newest (the client then decides).
    public static let protocolVersions = ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"]

    private let server: ServerDescription
    private let provider: any MCPToolProvider
    private let output: any MessageOutput
    private let concurrentCalls: Int
    private let maximumQueuedCalls: Int

    private var initialized = false
    /// Requests whose answers are owed, by id, with the task computing each.
    private var owed: [JSONRPCID: (serial: Int, task: Task<Void, Never>)] = [:]
    private var serial = 0
    private var running = 0
    private var queued: [(id: JSONRPCID, name: String, arguments: JSONValue?)] = []
    private var drainWaiters: [CheckedContinuation<Void, Never>] = []
    private var queueSpaceWaiters: [CheckedContinuation<Void, Never>] = []

    public init(server: ServerDescription, provider: any MCPToolProvider, output: any MessageOutput,
                concurrentCalls: Int = 4, maximumQueuedCalls: Int = 64) {
        self.server = server
        self.provider = provider
        self.output = output
        self.concurrentCalls = max(1, concurrentCalls)
        self.maximumQueuedCalls = max(1, maximumQueuedCalls)
    }

    /// How many answers are still owed (requests read and neither answered nor cancelled).
    public var owedAnswers: Int { owed.count + queued.count }

    /// Handles one framed message (waiting, for a tool call, while the queue of calls is full).
    public func receive(_ bytes: some Collection<UInt8>) async {
        await handle(IncomingMessage.read(bytes))
    }

    /// Answers a message that was too long to read: under its id when the part read names one.
    public func receiveOversized(prefix: [UInt8], byteCount: Int, limit: Int) {
        var id: JSONRPCID?
        switch JSONParser.member("id", ofTruncatedObject: prefix) {
        case .string(let s)?: id = .string(s)
        case .int(let i)?: id = .int(i)
        default: id = nil
        }
        reply(error: JSONRPCError(JSONRPCError.invalidRequest,
                                  "Invalid Request: a message of more than \(byteCount) bytes is over this server's bound of \(limit) bytes per message; send less (a patch, a prompt) per call"),
              id: id)
    }

    /// Returns once every owed answer has been sent (the input has ended).
    public func drain() async {
        if owedAnswers == 0 { return }
        await withCheckedContinuation { drainWaiters.append($0) }
    }

    // MARK: - Dispatch

    func handle(_ message: IncomingMessage) async {
        switch message {
        case .response:
            return
        case .invalid(let id, let error):
            reply(error: error, id: id)
        case .notification(let method, let params):
            notification(method, params)
        case .request(let id, let method, let params):
            if method == "tools/call", initialized {
                while queued.count >= maximumQueuedCalls { await withCheckedContinuation { queueSpaceWaiters.append($0) } }
            }
            request(id, method, params)
        }
    }

    private func notification(_ method: String, _ params: JSONValue?) {
        switch method {
        case "notifications/cancelled":
            guard let raw = params?["requestId"] else { return }
            let id: JSONRPCID
            switch raw {
            case .string(let s): id = .string(s)
            case .int(let i): id = .int(i)
            default: return
            }
            if let call = owed.removeValue(forKey: id) {
                call.task.cancel()
            } else if let k = queued.firstIndex(where: { $0.id == id }) {
                queued.remove(at: k)
                if !queueSpaceWaiters.isEmpty { queueSpaceWaiters.removeFirst().resume() }
            }
            resumeDrainWaitersIfDone()
        default:
            return   // notifications/initialized and any other notification need no answer
        }
    }

    private func request(_ id: JSONRPCID, _ method: String, _ params: JSONValue?) {
        guard owed[id] == nil, !queued.contains(where: { $0.id == id }) else {
            return reply(error: JSONRPCError(JSONRPCError.invalidRequest, "Invalid Request: id \(id) is already used by a request still in progress"), id: id)
        }
        switch method {
        case "initialize":
            guard !initialized else {
                return reply(error: JSONRPCError(JSONRPCError.invalidRequest, "Invalid Request: the session is initialized already"), id: id)
            }
            guard let requested = params?["protocolVersion"]?.stringValue else {
                return reply(error: JSONRPCError(JSONRPCError.invalidParams, "Invalid params: initialize takes params.protocolVersion, a string such as \"\(Self.protocolVersions[0])\""), id: id)
            }
            initialized = true
            let version = Self.protocolVersions.contains(requested) ? requested : Self.protocolVersions[0]
            reply(result: .object([
                "protocolVersion": .string(version),
                "capabilities": .object(["tools": .object(["listChanged": false])]),
                "serverInfo": .object(["name": .string(server.name), "version": .string(server.version), "title": .string(server.title)]),
                "instructions": .string(server.instructions),
            ]), id: id)
        case "ping":
            reply(result: .object([:]), id: id)
        case _ where !initialized:
            reply(error: JSONRPCError(JSONRPCError.serverNotInitialized, "Server not initialized: send initialize (and notifications/initialized) before \(UntrustedText.quoted(method))"), id: id)
        case "tools/list":
            reply(result: .object(["tools": .array(provider.tools)]), id: id)
        case "tools/call":
            guard let name = params?["name"]?.stringValue else {
                return reply(error: JSONRPCError(JSONRPCError.invalidParams, "Invalid params: tools/call takes params.name, a tool's name (tools/list lists them)"), id: id)
            }
            let arguments = params?["arguments"]
            if let arguments, arguments.objectValue == nil, !arguments.isNull {
                return reply(error: JSONRPCError(JSONRPCError.invalidParams, "Invalid params: params.arguments of tools/call must be an object; got \(arguments.kindDescription)"), id: id)
            }
            queued.append((id, name, arguments))
            startQueuedCalls()
        default:
            reply(error: JSONRPCError(JSONRPCError.methodNotFound, "Method not found: \(UntrustedText.quoted(method)); this server answers initialize, ping, tools/list and tools/call"), id: id)
        }
    }

    private func startQueuedCalls() {
        while running < concurrentCalls, !queued.isEmpty {
            let call = queued.removeFirst()
            if !queueSpaceWaiters.isEmpty { queueSpaceWaiters.removeFirst().resume() }
            running += 1
            serial += 1
            let provider = self.provider, serial = self.serial
            owed[call.id] = (serial, Task {
                let outcome = await provider.call(name: call.name, arguments: call.arguments)
                self.finished(call.id, serial: serial, outcome)
            })
        }
    }

    private func finished(_ id: JSONRPCID, serial: Int, _ outcome: Result<JSONValue, JSONRPCError>) {
        running -= 1
        // A cancelled request is no longer owed: its answer is dropped, as MCP asks (and a
        // later request that reuses its id is not answered with it).
        if owed[id]?.serial == serial {
            owed[id] = nil
            switch outcome {
            case .success(let result): reply(result: result, id: id)
            case .failure(let error): reply(error: error, id: id)
            }
        }
        startQueuedCalls()
        resumeDrainWaitersIfDone()
    }

    private func resumeDrainWaitersIfDone() {
        guard owedAnswers == 0 else { return }
        let waiters = drainWaiters
        drainWaiters = []
        for w in waiters { w.resume() }
    }

    private func reply(result: JSONValue, id: JSONRPCID) { output.send(JSONRPCResponse.result(result, id: id)) }
    private func reply(error: JSONRPCError, id: JSONRPCID?) { output.send(JSONRPCResponse.error(error, id: id)) }

}
