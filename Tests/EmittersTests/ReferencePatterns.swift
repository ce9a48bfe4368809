import Circuits
import Foundation
import Testing

/// Pattern files as `gatelm simulate` reads and writes them, and the
/// reference evaluator's answer for them.
enum ReferencePatterns {
    /// `count` pseudo-random patterns of `inputs` bits.
    static func random(count: Int, inputs: Int, seed: UInt64) -> [[Bool]] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in (0..<inputs).map { _ in rng.next() & 1 != 0 } }
    }

    /// One line of '0'/'1' per pattern.
    static func text(_ patterns: [[Bool]], lineEnd: String = "\n", finalLineEnd: Bool = true) -> String {
        let lines = patterns.map { bits in String(bits.map { $0 ? "1" : "0" }) }
        return lines.joined(separator: lineEnd) + (finalLineEnd && !lines.isEmpty ? lineEnd : "")
    }

    /// The expected output text: combinational circuits evaluated 64 patterns
    /// at a time with `evaluate(inputs:)`, sequential ones one step per pattern
    /// from reset with `step`.
    static func expectedOutput(_ aig: AIG, _ patterns: [[Bool]]) -> String {
        var lines: [[Bool]] = []
        if aig.isSequential {
            var state = aig.latches.map { $0.reset.simulationValue ? ~UInt64(0) : 0 }
            for pattern in patterns {
                let step = aig.step(inputs: pattern.map { $0 ? 1 : 0 }, latchValues: state)
                lines.append(step.outputs.map { $0 & 1 != 0 })
                state = step.nextLatches
            }
        } else {
            for first in stride(from: 0, to: patterns.count, by: 64) {
                let block = patterns[first..<min(first + 64, patterns.count)]
                var words = [UInt64](repeating: 0, count: aig.inputCount)
                for (lane, pattern) in block.enumerated() {
                    for (i, bit) in pattern.enumerated() where bit { words[i] |= 1 << UInt64(lane) }
                }
                let outputs = aig.evaluate(inputs: words)
                for lane in 0..<block.count { lines.append(outputs.map { $0 >> UInt64(lane) & 1 != 0 }) }
            }
        }
        return text(lines)
    }
}

/// Expects two program outputs to be equal, reporting the first line that differs.
func expectSameLines(_ got: String, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let gotLines = got.split(separator: "\n", omittingEmptySubsequences: false)
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(gotLines.count == expectedLines.count, "line counts differ", sourceLocation: sourceLocation)
    if let line = (0..<min(gotLines.count, expectedLines.count)).first(where: { gotLines[$0] != expectedLines[$0] }) {
        Issue.record("line \(line + 1): got \(gotLines[line]), expected \(expectedLines[line])",
                     sourceLocation: sourceLocation)
    }
}
