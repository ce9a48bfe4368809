import Foundation
import GateLMSupport
import _TestSupport

/// Compiles emitted C in a temporary directory and runs the program.
struct CCompiler {
    static var isInstalled: Bool { ExternalCommand.find("cc") != nil }

    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory() }

    /// Compiles `source` with `cc` (or `compiler`) and the strict warning flags; throws with the compiler's messages on any warning.
    @discardableResult
    func compile(_ source: String, name: String = "circuit", compiler: String = "cc",
                 flags: [String] = ["-O1"], link: Bool = true) throws -> String {
        let sourcePath = directory.file("\(name).c")
        try source.write(toFile: sourcePath, atomically: true, encoding: .utf8)
        let program = directory.file(name)
        let strict = ["-std=c99", "-pedantic", "-Wall", "-Wextra", "-Werror"]
        let arguments = strict + flags + (link ? ["-o", program] : ["-c", "-o", program + ".o"]) + [sourcePath]
        try ExternalCommand.check(compiler, arguments)
        return program
    }

    /// Runs a compiled program with `input` on stdin.
    func run(_ program: String, _ arguments: [String] = [], input: String = "") throws -> ExternalCommand.Result {
        try ExternalCommand.run(program, arguments, input: Data(input.utf8))
    }
}
