import Circuits
import LanguageModels
import Testing

@Suite struct NodeNamesTests {
    @Test func namesSurviveAIGERAndNameTheRightSignals() throws {
        let model = try TestModels.model(seed: 3)
        #expect(model.nodeNames.count > 0 && model.nodeNamesNote == nil)
        let network = TestModels.network(seed: 3)
        // Every learned gate's name carries its value: compare with the discrete forward pass's units by simulation.
        let values = model.aig.evaluateVariables(inputs: (0..<model.aig.inputCount).map { _ in 0x5555_AAAA_1234_8765 })
        for g in 0..<network.layers[0].gateCount {
            #expect(model.nodeNames.literal(named: DiscreteGateNetwork.gateName(layer: 0, gate: g)) != nil)
        }
        let vote = try #require(model.nodeNames.literal(named: DiscreteGateNetwork.voteName(byte: UInt8(ascii: "a"), index: 0)))
        let last = try #require(model.nodeNames.literal(named: DiscreteGateNetwork.gateName(layer: 1, gate: 0)))
        #expect(AIG.value(vote, in: values) == AIG.value(last, in: values))
    }

    @Test func namesForAnotherCircuitAreRefused() throws {
        let network = TestModels.network(seed: 4)
        var aig = network.circuit(nodeNames: true)
        let named = try NodeNames(comments: aig)
        #expect(!named.isEmpty)
        // The same comments on a different structure (as after optimisation) must not be read.
        let other = TestModels.network(seed: 5).circuit()
        var moved = other
        moved.comments = aig.comments
        #expect(throws: NodeNames.ReadError.otherCircuit) { try NodeNames(comments: moved) }
        let model = try CircuitLanguageModel(moved)
        #expect(model.nodeNames.isEmpty && model.nodeNamesNote != nil)
        // A malformed group line is an error, not a crash.
        aig.comments = aig.comments.map { $0.hasPrefix("gatelm node-group L1") ? "gatelm node-group L1.g# 3 1 2" : $0 }
        #expect(throws: NodeNames.ReadError.self) { try NodeNames(comments: aig) }
    }

    @Test func groupingRoundTripsOddNames() throws {
        var names = NodeNames()
        names.add("x", Literal(raw: 2))
        names.add("y7", Literal(raw: 3))
        names.add("z#", Literal(raw: 4))
        names.add("a0", Literal(raw: 5))
        names.add("a1", Literal(raw: 6))
        names.add("a3", Literal(raw: 7))
        var aig = AIG(inputCount: 3)
        aig.comments = names.comments(for: aig)
        let read = try NodeNames(comments: aig)
        #expect(read == names)
    }
}
