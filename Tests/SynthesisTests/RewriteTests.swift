import Circuits
import Foundation
import GateLMSupport
@testable import Synthesis
import Testing
import _TestSupport

/// Circuits shared by the tests of passes.
enum PassChecks {
    /// The small EPFL circuits, quick enough for debug builds.
    static var smallEPFLFiles: [String] {
        SharedData.epflFiles.filter { ["ctrl", "int2float", "dec", "cavlc", "router", "priority"].contains(URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent) }
    }

    /// `pass` on a random sequential circuit with a bad property keeps the
    /// latches, their resets and the property, never grows, and keeps the behaviour.
    static func expectKeepsLatchesAndProperties(_ pass: (AIG) -> AIG, sourceLocation: SourceLocation = #_sourceLocation) throws {
        var aig = AIG.random(inputs: 6, ands: 400, latches: 5, seed: 9)
        aig.bad = [aig.latchLiteral(0)]
        let result = pass(aig)
        try result.validate()
        #expect(result.latches.map(\.reset) == aig.latches.map(\.reset), sourceLocation: sourceLocation)
        #expect(result.bad.count == 1, sourceLocation: sourceLocation)
        #expect(result.andCount <= aig.andCount, sourceLocation: sourceLocation)
        #expect(SimulationEquivalence.firstDifference(aig, result, steps: 6) == nil, sourceLocation: sourceLocation)
    }
}

@Suite("DAG-aware rewriting")
struct RewriteTests {
    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func randomCircuitsKeepTheirFunctionAndShrink(seed: UInt64) throws {
        let aig = AIG.random(inputs: 12, ands: 1500, maxOutputs: 8, seed: seed)
        let rewritten = aig.rewritten()
        try rewritten.validate()
        #expect(rewritten.andCount <= aig.structurallyHashed().andCount)
        #expect(rewritten.andCount < aig.structurallyHashed().andCount, "random logic always has something to rewrite")
        #expect(SimulationEquivalence.firstDifference(aig, rewritten) == nil)
        let zero = rewritten.rewritten(RewriteOptions(zeroCost: true))
        #expect(SimulationEquivalence.firstDifference(aig, zero) == nil)
    }

    /// A chain a ∧ (b ∧ (c ∧ d)) and the balanced tree have the same size:
    /// zero-cost rewriting takes the shallower one, plain rewriting leaves it.
    @Test func equalGainsGoToTheShallowerStructure() throws {
        var b = AIGBuilder()
        let x = b.addInputs(4)
        b.addOutput(b.and(x[0], b.and(x[1], b.and(x[2], x[3]))))
        let chain = b.build()
        #expect(chain.depth == 3)
        #expect(chain.rewritten().depth == 3)
        let balanced = chain.rewritten(RewriteOptions(zeroCost: true))
        #expect(balanced.andCount == 3 && balanced.depth == 2)
        #expect(SimulationEquivalence.firstDifference(chain, balanced) == nil)
    }

    @Test func sequentialCircuitsKeepLatchesAndProperties() throws {
        try PassChecks.expectKeepsLatchesAndProperties { $0.rewritten() }
    }

    @Test func redundantXorCollapses() {
        // x ⊕ y written as a 4-level tree with a redundant copy: 3 ANDs suffice.
        var b = AIGBuilder()
        let x = b.addInputs(2)
        let p = b.and(x[0], !x[1]), q = b.and(!x[0], x[1])
        let r = b.and(!b.and(!p, !q), b.or(x[0], x[1]))
        b.addOutput(r)
        let aig = b.build()
        let rewritten = aig.rewritten()
        #expect(rewritten.andCount == 3)
        #expect(SimulationEquivalence.firstDifference(aig, rewritten) == nil)
    }

    @Test(arguments: PassChecks.smallEPFLFiles)
    func epflCircuitsStayEquivalent(path: String) throws {
        let aig = try AIG(contentsOfAIGERFile: path)
        let rewritten = aig.rewritten()
        #expect(rewritten.andCount <= aig.andCount)
        #expect(SimulationEquivalence.firstDifference(aig, rewritten, words: 16) == nil)
        let zero = rewritten.rewritten(RewriteOptions(zeroCost: true))
        #expect(SimulationEquivalence.firstDifference(aig, zero, words: 16) == nil)
        if ABCReference.isInstalled {
            #expect(try ABCReference.equivalent(aig, zero), "\(path)")
        }
    }
}
