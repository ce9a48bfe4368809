import Circuits
import LanguageModels
import Testing

@Suite struct CircuitLanguageModelTests {
    @Test func readsItsInterfaceFromNamesAndScoresLikeTheNetwork() throws {
        let network = DiscreteGateNetworkTests.randomNetwork(seed: 12)
        // Through AIGER and back, as `gatelm generate FILE.aig` would see it.
        let aig = try AIGERReader.read(bytes: AIGERWriter.write(network.circuit(argmax: true), format: .binary))
        let model = try CircuitLanguageModel(aig)
        #expect(model.contextLength == network.contextLength)
        #expect(model.classBytes == network.classBytes)
        var rng = SplitMix64(seed: 2)
        let count = 777
        let contexts = (0..<count * model.contextLength).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        #expect(model.scores(contexts: contexts, count: count) == network.scores(contexts: contexts, count: count))
    }

    @Test func refusesCircuitsThatAreNotLanguageModels() {
        #expect(throws: CircuitLanguageModel.InterfaceError.self) { try CircuitLanguageModel(AIG.random(inputs: 16, ands: 50, seed: 1)) }
        var b = AIGBuilder()
        let x = b.addInputs(8, prefix: "ctx[-1]")
        b.addOutput(x[0], name: "something")
        #expect(throws: CircuitLanguageModel.InterfaceError.self) { try CircuitLanguageModel(b.build()) }
    }
}
