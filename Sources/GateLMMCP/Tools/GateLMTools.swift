import Foundation
import GateLMSupport
import SymbolicHarness

/// The GateLM tools of one role as an `MCPToolProvider`: arguments validated by each tool,
/// results as JSON text (sorted snake_case keys) and as structuredContent, refusals as
/// isError results, an unknown tool (or an editor tool asked of a reader) as invalid params.
public struct GateLMTools: MCPToolProvider {
    /// The largest result a call returns (its JSON text); a larger one is an isError result
    /// that says how to ask for less.
    public static let maximumResultBytes = 8 << 20

    let role: ServerRole
    let context: ToolContext
    let specs: [ToolSpec]
    public let tools: [JSONValue]

    /// `files`: where model files named by an agent may be read from.
    public init(workbench: Workbench, role: ServerRole, files: ConfinedFile) {
        self.role = role
        self.context = ToolContext(workbench: workbench, files: files)
        self.specs = ToolCatalog.tools(for: role)
        self.tools = specs.map(\.definition)
    }

    public func call(name: String, arguments: JSONValue?) async -> Result<JSONValue, JSONRPCError> {
        guard let spec = specs.first(where: { $0.name == name }) else {
            let editorOnly = (ToolCatalog.all + CircuitTools.all).contains { $0.name == name && $0.editor }
            return .failure(JSONRPCError(JSONRPCError.invalidParams, editorOnly
                ? "Invalid params: \(name) is an editor tool; this server runs with --role \(role.rawValue)"
                : "Invalid params: unknown tool \(UntrustedText.quoted(name)); the tools are " + specs.map(\.name).joined(separator: ", ")))
        }
        do {
            let values = arguments?.objectValue
            let parsed = try ToolArguments(tool: spec.name, values: values, allowed: spec.properties.map(\.0))
            let result = try await spec.run(context, parsed)
            try Task.checkCancellation()
            let data = try ResultEncoding.encoder().encode(result)
            guard data.count <= Self.maximumResultBytes else {
                return .success(Self.failure("\(name): the result is \(data.count) bytes, over this server's bound of \(Self.maximumResultBytes) bytes per result; ask for less (limit, top, a shorter prompt, a position)"))
            }
            let structured = try JSONParser.parse(data)
            return .success(["content": [["type": "text", "text": .string(String(decoding: data, as: UTF8.self))]],
                             "structuredContent": structured, "isError": false])
        } catch {
            return .success(Self.failure(String(describing: error)))
        }
    }

    static func failure(_ message: String) -> JSONValue {
        ["content": [["type": "text", "text": .string(message)]], "isError": true]
    }
}
