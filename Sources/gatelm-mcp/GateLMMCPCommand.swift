import ArgumentParser
import Foundation
import GateLMMCP
import GateLMSupport
import SymbolicHarness

/// `gatelm-mcp`: the symbolic transformer's workbench as an MCP server on stdio.
@main
struct GateLMMCPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gatelm-mcp",
        abstract: "Serve a symbolic transformer program's version store as MCP tools on stdin/stdout (logs on stderr).",
        discussion: "See docs/mcp.md for the tools, the patch language and the store layout.")

    @Option(help: "reader (inspection and simulation tools only) or editor (also apply_patch and checkout).")
    var role: String = "reader"

    @Option(help: "The directory that holds the stores.")
    var store: String = "runs"

    @Option(help: "The store's name: its versions live in STORE/NAME/.")
    var name: String

    @Option(help: "The program that becomes version 1 when the store is new.")
    var program: String?

    @Option(help: "The corpus (a text file): fit is its first 80 %, dev 80–90 %, val the last 10 %.")
    var corpus: String

    @Option(name: .customLong("allow"), help: ArgumentHelp("A directory whose files (below it, links resolved) the circuit tools may read as models; repeatable. The store's own directory is always allowed; nothing else is.", valueName: "DIR"))
    var allowed: [String] = []

    func validate() throws {
        guard ServerRole(rawValue: role) != nil else { throw ValidationError("--role must be reader or editor; got '\(role)'") }
    }

    func run() async throws {
        let role = ServerRole(rawValue: role)!
        guard let bytes = FileManager.default.contents(atPath: corpus) else { throw Failure("--corpus \(corpus): cannot read the file") }
        var initial: String?
        if let program {
            guard let data = FileManager.default.contents(atPath: program), let text = String(data: data, encoding: .utf8) else {
                throw Failure("--program \(program): cannot read the file as UTF-8 text")
            }
            initial = text
        }
        let workbench: Workbench
        let files: ConfinedFile
        do {
            let versions = try VersionStore(root: store, name: name)
            if versions.versionCount == 0, program == nil { throw Failure("the store \(versions.directory) is new: give --program FILE for its first version") }
            if versions.versionCount > 0, program != nil { log("the store \(versions.directory) has versions already; --program is ignored") }
            workbench = try Workbench(store: versions, corpus: Array(bytes), initialProgram: initial, role: role.rawValue)
            files = try ConfinedFile(roots: [versions.directory] + allowed, maximumBytes: GateLMServer.maximumFileBytes)
        } catch {
            throw Failure(String(describing: error))
        }
        log("serving \(store)/\(name) (head v\(await workbench.head)) as \(role.rawValue); corpus \(corpus), \(bytes.count) bytes; models readable under "
            + files.roots.joined(separator: ", "))
        await GateLMServer.serveStandardIO(workbench: workbench, role: role, files: files)
        log("input ended; every request answered")
    }

    func log(_ line: String) {
        FileHandle.standardError.write(Data(("gatelm-mcp: " + line + "\n").utf8))
    }
}

/// A failure while starting (a file that cannot be read, a store that does not validate, a
/// program that does not parse): printed as `Error: …` without the usage.
struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
