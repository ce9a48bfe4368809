import Circuits
import Foundation
import GateLMSupport

/// Hands circuits to ABC (`berkeley-abc`) through binary AIGER and reads
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
        let (result, written) = try execute(on: [aig]) { inputs, output in
            "read \(inputs[0]); \(expandingAliases(commands)); write \(output)"
        }
        guard var optimized = written else {
            throw ExternalCommand.Failure(description: "\(program) wrote no circuit for '\(commands)':\n\(result.stdout)\(result.stderr)")
        }
        guard optimized.inputCount == aig.inputCount, optimized.outputCount == aig.outputCount,
              optimized.latchCount == aig.latchCount else {
            throw ExternalCommand.Failure(description: "\(program) changed the interface: \(aig.inputCount)/\(aig.latchCount)/\(aig.outputCount) inputs/latches/outputs became \(optimized.inputCount)/\(optimized.latchCount)/\(optimized.outputCount)")
        }
        optimized.names = aig.names
        optimized.comments = aig.comments
        return optimized
    }

    /// Writes `circuits` as binary AIGER files into a fresh temporary
    /// directory and runs ABC on the commands `script` makes of their paths
    /// and of the path of a file ABC may write; returns what ABC printed and
    /// the circuit it wrote, if any. The directory is removed afterwards.
    /// With `requireSuccess` a non-zero exit status throws. ABC is killed
    /// after `timeLimit` seconds when one is given.
    public static func execute(
        on circuits: [AIG], requireSuccess: Bool = true, timeLimit: Double? = nil,
        script: (_ inputs: [String], _ output: String) -> String
    ) throws -> (result: ExternalCommand.Result, written: AIG?) {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("gatelm-abc-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var inputs: [String] = []
        for (i, aig) in circuits.enumerated() {
            let path = directory.appendingPathComponent("in\(i).aig").path
            try aig.writeAIGER(toFile: path, format: .binary)
            inputs.append(path)
        }
        let output = directory.appendingPathComponent("out.aig").path
        let arguments = ["-c", script(inputs, output)]
        let result = requireSuccess ? try ExternalCommand.check(program, arguments, timeLimit: timeLimit)
                                    : try ExternalCommand.run(program, arguments, timeLimit: timeLimit)
        let written = FileManager.default.fileExists(atPath: output) ? try AIG(contentsOfAIGERFile: output) : nil
        return (result, written)
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
