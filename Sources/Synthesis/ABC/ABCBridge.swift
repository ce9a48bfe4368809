import Circuits
import Foundation
import GateLMSupport

/// Hands a circuit to ABC (`berkeley-abc`) through binary AIGER and reads
/// the result back, so ABC's passes can be combined with ours.
public enum ABCBridge {
    /// Whether ABC is installed.
    public static var isAvailable: Bool { ExternalCommand.find(program) != nil }

    /// The ABC executable Debian installs.
    public static let program = "berkeley-abc"

    /// Runs ABC `commands` (for example `"dc2; resyn2"`-style text, with
    /// aliases spelled out: Debian's ABC has no `abc.rc`) on `aig` and returns
    /// ABC's circuit. Names and comments are carried over from `aig` (the
    /// interface is unchanged; ABC drops them).
    public static func run(_ aig: AIG, commands: String) throws -> AIG {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("gatelm-abc-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("in.aig").path
        let output = directory.appendingPathComponent("out.aig").path
        try aig.writeAIGER(toFile: input, format: .binary)
        let script = "read \(input); \(expandingAliases(commands)); write \(output)"
        let result = try ExternalCommand.check(program, ["-c", script])
        guard FileManager.default.fileExists(atPath: output) else {
            throw ExternalCommand.Failure(description: "\(program) wrote no circuit for '\(commands)':\n\(result.stdout)\(result.stderr)")
        }
        var optimized = try AIG(contentsOfAIGERFile: output)
        guard optimized.inputCount == aig.inputCount, optimized.outputCount == aig.outputCount,
              optimized.latchCount == aig.latchCount else {
            throw ExternalCommand.Failure(description: "\(program) changed the interface: \(aig.inputCount)/\(aig.latchCount)/\(aig.outputCount) inputs/latches/outputs became \(optimized.inputCount)/\(optimized.latchCount)/\(optimized.outputCount)")
        }
        optimized.names = aig.names
        optimized.comments = aig.comments
        return optimized
    }

    /// ABC scripts usually defined in `abc.rc`, which Debian does not ship.
    public static let aliases: [String: String] = [
        "resyn": "balance; rewrite; rewrite -z; balance; rewrite -z; balance",
        "resyn2": "balance; rewrite; refactor; balance; rewrite; rewrite -z; balance; refactor -z; rewrite -z; balance",
        "compress2": "balance -l; rewrite -l; refactor -l; balance -l; rewrite -l; rewrite -z -l; balance -l; refactor -z -l; rewrite -z -l; balance -l",
    ]

    /// `commands` with every alias replaced by its definition.
    public static func expandingAliases(_ commands: String) -> String {
        commands.split(separator: ";").map { command in
            let word = command.trimmingCharacters(in: .whitespaces)
            return aliases[word] ?? word
        }.joined(separator: "; ")
    }
}
