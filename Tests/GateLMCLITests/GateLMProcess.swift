import Foundation
import GateLMSupport

/// Runs the built `gatelm` executable, as a user would.
enum GateLMProcess {
    /// The `gatelm` binary beside the test bundle (SwiftPM builds it because the tests depend on it).
    static let path: String = {
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var candidates = [bundleDirectory.appendingPathComponent("gatelm").path]
        // When the test runner is inside an .xctest bundle directory, look one level up too.
        candidates.append(bundleDirectory.deletingLastPathComponent().appendingPathComponent("gatelm").path)
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }()

    /// Runs `gatelm arguments…` with `input` on stdin.
    static func run(_ arguments: [String], input: String? = nil) throws -> ExternalCommand.Result {
        try ExternalCommand.run(path, arguments, input: input.map { Data($0.utf8) })
    }
}
