import Circuits
import Foundation
import GateLMSupport

/// A circuit's emitted C with its pattern-reading `main` (`CEmitter.Options.main = .patterns`),
/// compiled once in a private temporary directory and run on patterns: the third
/// implementation (beside the model and the AIG simulation) that `gatelm verify` and the
/// bit-exactness tests compare against. A combinational circuit prints one line of outputs per
/// input pattern; a sequential one, one clock step per line from reset.
public final class CompiledCircuitProgram {
    /// Why the C could not be written, compiled or run: the compiler's or the program's messages.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public let directory: String
    public let program: String
    public let outputCount: Int

    /// Emits `aig` as C and compiles it with `compiler` and `flags` (e.g. `["-O0", "-w"]`, or
    /// strict warnings as errors for the tests).
    public init(_ aig: AIG, compiler: String = "cc", flags: [String] = ["-O1"]) throws(Failure) {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("gatelm-c-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)").path
        program = directory + "/circuit"
        outputCount = aig.outputCount
        var options = CEmitter.Options()
        options.main = .patterns
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try AtomicFile.write(CEmitter.emit(aig, name: "circuit", options: options), to: directory + "/circuit.c")
            try ExternalCommand.check(compiler, flags + [directory + "/circuit.c", "-o", program])
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw Failure(description: "emitted C: \(error)")
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    /// The program's outputs for `inputs` (one pattern per line, or one clock step per line).
    public func run(inputs: PatternSet) throws(Failure) -> PatternSet {
        do {
            let result = try ExternalCommand.check(program, [], input: Data(inputs.formatted().utf8))
            return try PatternSet(parsing: result.stdout, signalCount: outputCount)
        } catch {
            throw Failure(description: "emitted C: \(error)")
        }
    }
}
