import Circuits
import Foundation
import GateLMSupport
import _TestSupport

/// ABC as the reference for equivalence tests: its optimised copies and its `cec` verdicts.
enum ABCReference {
    static let isInstalled = ExternalCommand.find("berkeley-abc") != nil

    /// `aig` after the ABC commands `script` (for example "strash; dc2").
    static func optimized(_ aig: AIG, _ script: String) throws -> AIG {
        let dir = try TemporaryDirectory()
        try Data(AIGERWriter.write(aig, format: .binary)).write(to: URL(fileURLWithPath: dir.file("in.aig")))
        try ExternalCommand.check("berkeley-abc", ["-c", "read \(dir.file("in.aig")); \(script); write \(dir.file("out.aig"))"])
        return try AIG(contentsOfAIGERFile: dir.file("out.aig"))
    }

    /// ABC's `cec` verdict on two circuits: true equivalent, false not.
    static func equivalent(_ a: AIG, _ b: AIG) throws -> Bool {
        let dir = try TemporaryDirectory()
        try Data(AIGERWriter.write(a, format: .binary)).write(to: URL(fileURLWithPath: dir.file("a.aig")))
        try Data(AIGERWriter.write(b, format: .binary)).write(to: URL(fileURLWithPath: dir.file("b.aig")))
        return try equivalent(files: dir.file("a.aig"), dir.file("b.aig"))
    }

    /// ABC's `cec` verdict on two AIGER files.
    static func equivalent(files a: String, _ b: String) throws -> Bool {
        let out = try ExternalCommand.check("berkeley-abc", ["-c", "cec \(a) \(b)"]).stdout
        if out.contains("Networks are equivalent") { return true }
        if out.contains("NOT EQUIVALENT") { return false }
        throw ExternalCommand.Failure(description: "unexpected ABC cec output: \(out)")
    }
}

extension AIG {
    /// A copy with fanin `fanin` (0 or 1) of AND `index` complemented: usually a different function.
    func withComplementedFanin(ofAnd index: Int, fanin: Int = 0) -> AIG {
        var b = AIGBuilder()
        var image = [Literal](repeating: .false, count: variableCount)
        for i in 0..<inputCount { image[1 + i] = b.addInput(name: names.input(i)) }
        for j in 0..<latchCount { image[firstLatchVariable + j] = b.addLatch(reset: latches[j].reset, name: names.latch(j)) }
        func map(_ l: Literal) -> Literal { image[l.variable].complemented(if: l.isComplemented) }
        for k in 0..<andCount {
            var x = map(fanin0[k]), y = map(fanin1[k])
            if k == index { if fanin == 0 { x = !x } else { y = !y } }
            image[firstAndVariable + k] = b.and(x, y)
        }
        for (o, literal) in outputs.enumerated() { b.addOutput(map(literal), name: names.output(o)) }
        for j in 0..<latchCount { b.setNext(of: image[firstLatchVariable + j], to: map(latches[j].next)) }
        return b.build()
    }
}
