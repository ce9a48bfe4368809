import Circuits
import Foundation
import GateLMSupport
import Synthesis
import Testing
import _TestSupport

/// The checker's verdicts against ABC's `cec` on the same pairs.
@Suite("Equivalence checking agrees with ABC", .enabled(if: ABCReference.isInstalled))
struct EquivalenceABCTests {
    let checker = EquivalenceChecker()

    static let resyn2 = "strash; balance; rewrite; refactor; balance; rewrite; rewrite -z; balance; refactor -z; rewrite -z; balance"

    @Test(arguments: [UInt64(1), 2, 3, 4])
    func randomCircuitsAgainstTheirABCOptimisedAndMutatedCopies(seed: UInt64) throws {
        let aig = AIG.random(inputs: 16, ands: 800, maxOutputs: 16, seed: seed)
        for script in ["strash", "dc2", Self.resyn2] {
            let optimized = try ABCReference.optimized(aig, script)
            #expect(try ABCReference.equivalent(aig, optimized))
            #expect(try checker.check(aig, optimized) == .equivalent, "\(script)")
        }
        // Mutations deep inside: some are observable, some may not be; ABC decides.
        var rng = SplitMix64(seed: seed)
        for _ in 0..<4 {
            let mutant = aig.withComplementedFanin(ofAnd: Int(rng.next() % UInt64(aig.andCount)), fanin: Int(rng.next() & 1))
            let abcSays = try ABCReference.equivalent(aig, mutant)
            let result = try checker.check(aig, mutant)
            if abcSays {
                #expect(result == .equivalent)
            } else if case .notEquivalent = result {
            } else {
                Issue.record("ABC finds a difference, the checker says \(result)")
            }
        }
    }

    @Test(arguments: [UInt64(7), 8])
    func sequentialCircuitsAgainstTheirABCOptimisedCopies(seed: UInt64) throws {
        let aig = AIG.random(inputs: 8, ands: 600, latches: 6, maxOutputs: 8, seed: seed)
        let optimized = try ABCReference.optimized(aig, "dc2")
        // ABC writes a sequential circuit's outputs as bad-state properties; the checker pairs them up.
        #expect(optimized.latchCount == aig.latchCount && optimized.bad.count == aig.outputCount)
        #expect(try ABCReference.equivalent(aig, optimized))
        #expect(try checker.check(aig, optimized) == .equivalent)
        var mutant = aig
        mutant.outputs[1] = !mutant.outputs[1]
        #expect(try !ABCReference.equivalent(mutant, optimized))
        guard case .notEquivalent(let cex) = try checker.check(mutant, optimized) else {
            Issue.record("expected a counterexample")
            return
        }
        #expect(cex.output == 1 && cex.step == 0)
    }

    static let epflCircuits = ["adder", "bar", "cavlc", "ctrl", "dec", "i2c", "int2float", "priority", "router"]

    @Test(.enabled(if: !SharedData.epflFiles.isEmpty, "the EPFL benchmarks are not in ../shared/data/epfl"), arguments: epflCircuits)
    func epflCircuitsEqualTheirDC2Versions(name: String) throws {
        let path = try #require(SharedData.epflFiles.first(where: { $0.hasSuffix("/\(name).aig") }), "\(name).aig is not among the EPFL benchmarks")
        let aig = try AIG(contentsOfAIGERFile: path)
        let optimized = try ABCReference.optimized(aig, "dc2")
        #expect(try checker.check(aig, optimized) == .equivalent)
        let mutant = optimized.withComplementedFanin(ofAnd: optimized.outputs.first { !$0.isConstant && $0.variable >= optimized.firstAndVariable }!.variable - optimized.firstAndVariable)
        #expect(try !ABCReference.equivalent(aig, mutant))
        if case .notEquivalent = try checker.check(aig, mutant) {} else { Issue.record("\(name): mutant not refuted") }
    }
}

/// ABC as the reference for equivalence tests: its optimised copies and its `cec` verdicts.
enum ABCReference {
    static let isInstalled = ABCBridge.isAvailable

    /// `aig` after the ABC commands `script` (for example "strash; dc2"), as ABC wrote it.
    static func optimized(_ aig: AIG, _ script: String) throws -> AIG {
        let written = try ABCBridge.execute(on: [aig]) { inputs, output in "read \(inputs[0]); \(script); write \(output)" }.written
        return try #require(written, "ABC wrote no circuit for '\(script)'")
    }

    /// ABC's `cec` verdict on two circuits: true equivalent, false not.
    static func equivalent(_ a: AIG, _ b: AIG) throws -> Bool {
        let out = try ABCBridge.execute(on: [a, b]) { inputs, _ in "cec \(inputs[0]) \(inputs[1])" }.result.stdout
        if out.contains("Networks are equivalent") { return true }
        if out.contains("NOT EQUIVALENT") { return false }
        throw ExternalCommand.Failure(description: "unexpected ABC cec output: \(out)")
    }
}
