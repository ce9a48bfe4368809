import Foundation
import Logging
import MCP
import SymbolicHarness

/// The MCP server of the symbolic transformer's harness: the tools of `ToolCatalog` for a role,
/// each call validated and dispatched to one Workbench, results as JSON text (sorted
/// snake_case keys) and as structuredContent; refusals as isError results.
public enum GateLMServer {
    public static let name = "gatelm-mcp"
    public static let version = "0.1.0"

    /// A server for `role` over `workbench`, its handlers registered; start it on a transport.
    public static func make(workbench: Workbench, role: ServerRole) async -> Server {
        let server = Server(name: name, version: version, title: "GateLM symbolic transformer workbench",
                            instructions: "Tools to read, evaluate and (editor role) patch a symbolic transformer program. See docs/mcp.md for the patch language.",
                            capabilities: .init(tools: .init(listChanged: false)))
        let tools = ToolCatalog.tools(for: role)
        await server.withMethodHandler(ListTools.self) { _ in ListTools.Result(tools: tools.map(\.tool)) }
        await server.withMethodHandler(CallTool.self) { params in await call(params, tools: tools, role: role, workbench: workbench) }
        return server
    }

    /// One tool call: the result, or an isError result with the reason.
    static func call(_ params: CallTool.Parameters, tools: [ToolSpec], role: ServerRole, workbench: Workbench) async -> CallTool.Result {
        guard let spec = tools.first(where: { $0.name == params.name }) else {
            let editorOnly = (ToolCatalog.all + CircuitTools.all).contains { $0.name == params.name && $0.editor }
            return failure(editorOnly ? "\(params.name) is an editor tool; this server runs with --role \(role.rawValue)"
                                      : "unknown tool \(params.name); the tools are " + tools.map(\.name).joined(separator: ", "))
        }
        do {
            let arguments = try ToolArguments(tool: spec.name, values: params.arguments, allowed: spec.properties.map(\.0))
            let result = try await spec.run(workbench, arguments)
            let data = try ResultEncoding.encoder().encode(result)
            return CallTool.Result(content: [.text(text: String(decoding: data, as: UTF8.self), annotations: nil, _meta: nil)],
                                   structuredContent: Optional.some(try JSONDecoder().decode(Value.self, from: data)), isError: false)
        } catch {
            return failure(String(describing: error))
        }
    }

    static func failure(_ message: String) -> CallTool.Result {
        CallTool.Result(content: [.text(text: message, annotations: nil, _meta: nil)], isError: true)
    }
}

extension GateLMServer {
    /// Serves `workbench` on standard input and output until the input ends and every request
    /// has been answered. stdout carries the protocol only; the log goes to stderr.
    public static func serveStandardIO(workbench: Workbench, role: ServerRole) async throws {
        let logger = Logger(label: name) { StreamLogHandler.standardError(label: $0) }
        let server = await make(workbench: workbench, role: role)
        try await server.start(transport: DrainingTransport(StdioTransport(logger: logger), logger: logger))
        await server.waitUntilCompleted()
    }
}
