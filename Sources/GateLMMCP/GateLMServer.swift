import Foundation
import GateLMSupport
import SymbolicHarness

/// The MCP server of the symbolic transformer's harness: the tools of `ToolCatalog` for a role
/// over one Workbench, spoken by GateLM's own protocol layer (`MCPSession`) on
/// newline-delimited stdio.
public enum GateLMServer {
    public static let name = "gatelm-mcp"
    public static let version = "0.2.0"

    /// The largest message read (one line of input); a longer one is answered with an error
    /// and skipped.
    public static let maximumMessageBytes = 8 << 20
    /// The largest model file a tool reads.
    public static let maximumFileBytes = 256 << 20

    public static let description = ServerDescription(
        name: name, version: version, title: "GateLM symbolic transformer workbench",
        instructions: "Tools to read, evaluate and (editor role) patch a symbolic transformer program. See docs/mcp.md for the patch language.")

    /// A session for `role` over `workbench` whose messages go to `output`.
    public static func session(workbench: Workbench, role: ServerRole, files: ConfinedFile, output: any MessageOutput) -> MCPSession {
        MCPSession(server: description, provider: GateLMTools(workbench: workbench, role: role, files: files), output: output)
    }

    /// Serves on standard input and output until the input ends and every request read has
    /// been answered. stdout carries the protocol only; the log goes to stderr.
    public static func serveStandardIO(workbench: Workbench, role: ServerRole, files: ConfinedFile) async {
        let output = FileDescriptorMessageWriter(fd: STDOUT_FILENO)
        let session = session(workbench: workbench, role: role, files: files, output: output)
        let input = FileDescriptorMessageReader.messages(fd: STDIN_FILENO, maximumMessageBytes: maximumMessageBytes)
        for await event in input.events {
            switch event {
            case .message(let bytes): await session.receive(bytes)
            case .oversized(let prefix, let count): await session.receiveOversized(prefix: prefix, byteCount: count, limit: maximumMessageBytes)
            }
            input.credit()
        }
        await session.drain()
        output.flush()
    }
}
