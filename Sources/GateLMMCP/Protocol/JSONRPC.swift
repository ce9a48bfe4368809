import GateLMSupport

/// A JSON-RPC request id as MCP allows it: a string or an integer (never null, never a
/// fraction, never an integer beyond `Int`'s range).
public enum JSONRPCID: Hashable, Sendable, CustomStringConvertible {
    case string(String)
    case int(Int)

    public var json: JSONValue {
        switch self {
        case .string(let s): return .string(s)
        case .int(let i): return .int(i)
        }
    }

    public var description: String { JSONWriter.string(json) }
}

/// A JSON-RPC error object: the code, a message for people (and agents) that says what to do.
public struct JSONRPCError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: Int
    public var message: String

    public init(_ code: Int, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }

    /// The text is not JSON.
    public static let parseError = -32700
    /// JSON, but not a valid request (no method, a bad id, a batch, …).
    public static let invalidRequest = -32600
    public static let methodNotFound = -32601
    /// The method's params are not what it takes (an unknown tool, arguments that are not an object, …).
    public static let invalidParams = -32602
    public static let internalError = -32603
    /// A request other than initialize or ping before initialize (the code LSP uses).
    public static let serverNotInitialized = -32002
}

/// One framed message from the client, classified.
public enum IncomingMessage: Sendable, Equatable {
    case request(id: JSONRPCID, method: String, params: JSONValue?)
    case notification(method: String, params: JSONValue?)
    /// A response to a request of the server's (it sends none): ignored.
    case response
    /// Answered with this error, under `id` when one could be read (else null).
    case invalid(id: JSONRPCID?, error: JSONRPCError)

    /// Reads one message's bytes (one line of the stdio transport).
    public static func read(_ bytes: some Collection<UInt8>) -> IncomingMessage {
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch {
            return .invalid(id: nil, error: JSONRPCError(JSONRPCError.parseError, "Parse error: not JSON \(error)"))
        }
        return classify(value)
    }

    /// The message a parsed value is.
    public static func classify(_ value: JSONValue) -> IncomingMessage {
        if case .array = value {
            return .invalid(id: nil, error: JSONRPCError(JSONRPCError.invalidRequest,
                "Invalid Request: batches (JSON arrays) are not supported (MCP 2025-06-18 removed them); send one message per line"))
        }
        guard case .object(let message) = value else {
            return .invalid(id: nil, error: JSONRPCError(JSONRPCError.invalidRequest, "Invalid Request: a message is a JSON object; got \(value.kindDescription)"))
        }
        // The id first, so that every later refusal can be answered under it.
        var id: JSONRPCID?
        if let raw = message["id"] {
            switch raw {
            case .string(let s): id = .string(s)
            case .int(let i): id = .int(i)
            case .null:
                return .invalid(id: nil, error: JSONRPCError(JSONRPCError.invalidRequest, "Invalid Request: id must not be null (MCP); use a string or an integer"))
            default:
                return .invalid(id: nil, error: JSONRPCError(JSONRPCError.invalidRequest,
                    "Invalid Request: id must be a string or an integer in \(Int.min)...\(Int.max); got \(raw.kindDescription)"))
            }
        }
        guard message["jsonrpc"] == .string("2.0") else {
            return .invalid(id: id, error: JSONRPCError(JSONRPCError.invalidRequest, "Invalid Request: \"jsonrpc\" must be \"2.0\""))
        }
        guard let rawMethod = message["method"] else {
            if id != nil, message["result"] != nil || message["error"] != nil { return .response }
            return .invalid(id: id, error: JSONRPCError(JSONRPCError.invalidRequest, "Invalid Request: no \"method\""))
        }
        guard case .string(let method) = rawMethod else {
            return .invalid(id: id, error: JSONRPCError(JSONRPCError.invalidRequest, "Invalid Request: \"method\" must be a string; got \(rawMethod.kindDescription)"))
        }
        let params = message["params"]
        if let params, params.objectValue == nil, !params.isNull {
            // MCP's params are always objects; JSON-RPC's positional arrays name nothing here.
            guard let id else { return .notification(method: method, params: nil) }
            return .invalid(id: id, error: JSONRPCError(JSONRPCError.invalidParams, "Invalid params: \"params\" of \(method) must be an object; got \(params.kindDescription)"))
        }
        guard let id else { return .notification(method: method, params: params) }
        return .request(id: id, method: method, params: params)
    }
}

/// The server's messages as bytes (one line each, without the newline).
public enum JSONRPCResponse {
    public static func result(_ result: JSONValue, id: JSONRPCID) -> [UInt8] {
        JSONWriter.bytes(.object(["jsonrpc": "2.0", "id": id.json, "result": result]))
    }

    public static func error(_ error: JSONRPCError, id: JSONRPCID?) -> [UInt8] {
        JSONWriter.bytes(.object(["jsonrpc": "2.0", "id": id?.json ?? .null,
                                  "error": .object(["code": .int(error.code), "message": .string(error.message)])]))
    }
}
