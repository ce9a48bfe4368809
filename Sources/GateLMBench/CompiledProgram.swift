import Foundation
import GateLMSupport

/// A benchmark program built from emitted code, and its one-line report
/// `ns=… evaluations=… patterns=… ands=… checksum=…`.
struct CompiledProgram {
    var path: String
    /// Arguments before BATCHES and REPETITIONS (the Verilator testbench wants `--benchmark`).
    var leadingArguments: [String] = []
    var buildSeconds: Double

    /// Runs the program on `batches` input words `repetitions` times; returns gate·patterns/s.
    func throughput(ands: Int, batches: Int, repetitions: Int) throws -> Double {
        let result = try ExternalCommand.check(path, leadingArguments + [String(batches), String(repetitions)])
        let fields = Self.fields(result.stdout)
        guard let ns = fields["ns"].flatMap(Double.init), let patterns = fields["patterns"].flatMap(Double.init), ns > 0 else {
            throw ExternalCommand.Failure(description: "\(path) printed no timing: \(result.stdout)")
        }
        return Double(ands) * patterns / ns * 1e9
    }

    /// `key=value` pairs of a report line.
    static func fields(_ line: String) -> [String: String] {
        var fields = [String: String]()
        for token in line.split(whereSeparator: \.isWhitespace) {
            let parts = token.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
        }
        return fields
    }
}
