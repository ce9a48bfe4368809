import Circuits
import Emitters
import Foundation
import GateLMSupport
import Testing

@Suite struct DotEmitterTests {
    @Test(.enabled(if: ExternalCommand.find("dot") != nil))
    func outputParsesWithGraphviz() throws {
        let circuits = [
            TestCircuits.named(AIG.random(inputs: 6, ands: 40, maxOutputs: 5, seed: 40)),
            TestCircuits.named(AIG.random(inputs: 3, ands: 30, latches: 4, seed: 41)),
        ] + (TestCircuits.combinational + TestCircuits.sequential).map(\.aig)
        for aig in circuits {
            let text = try DotEmitter.emit(aig, name: "a \"quoted\" name")
            let result = try ExternalCommand.run("dot", ["-Tsvg"], input: Data(text.utf8))
            #expect(result.status == 0 && result.stderr.isEmpty, "\(result.stderr)")
            #expect(result.stdout.contains("<svg"))
        }
    }

    @Test func drawsEveryNodeAndComplementedEdgesDashed() throws {
        var builder = AIGBuilder()
        let a = builder.addInput(name: "a"), b = builder.addInput(name: "b")
        builder.addOutput(builder.and(a, !b), name: "y")
        let text = try DotEmitter.emit(builder.build(), name: "tiny")
        #expect(text.contains("i0 [label=\"a\", shape=triangle]"))
        #expect(text.contains("o0 [label=\"y\", shape=invtriangle]"))
        #expect(text.contains("i0 -> n3;"))
        #expect(text.contains("i1 -> n3 [style=dashed, arrowhead=odot];"))
        #expect(text.contains("n3 -> o0;"))
    }

    @Test func refusesCircuitsAboveTheLimitAndNamesIt() {
        let aig = AIG.random(inputs: 8, ands: 60, seed: 42)
        #expect(throws: DotEmitter.TooLarge(limit: 50, andCount: 60)) { try DotEmitter.emit(aig, name: "big", maxAnds: 50) }
        let large = AIG.random(inputs: 16, ands: DotEmitter.defaultMaxAnds + 1, seed: 43)
        do {
            _ = try DotEmitter.emit(large, name: "large")
            Issue.record("expected the size limit to fire")
        } catch {
            #expect(error.description == "DOT output is limited to 5000 AND nodes (this circuit has 5001); extract a cone first")
        }
        #expect(throws: Never.self) { try DotEmitter.emit(aig, name: "fits", maxAnds: 60) }
    }
}
