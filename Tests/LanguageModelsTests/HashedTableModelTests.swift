import Circuits
import Foundation
import LanguageModels
import Learning
import Testing
import Text
import _TestSupport

/// A gate network with learned hashed-context tables: they train, they are learned bits in the
/// boolean model, and the compiled circuit (hash XORs + ROMs) computes exactly what the model does.
@Suite struct HashedTableModelTests {
    static let text = Array(String(repeating: "abcd", count: 400).utf8)

    @Test func tablesTrainAndTheCircuitIsBitExactOnEveryContext() throws {
        let untrained = GateNetworkModelTests.trainedOnPeriodicText(steps: 0, hashedOrders: [1, 2]).0
        let (model, text, first, last) = GateNetworkModelTests.trainedOnPeriodicText(steps: 200, hashedOrders: [1, 2])
        #expect(model.hashedTables.count == 2 && model.hashedTables[0].rowCount == 64)
        #expect(first > 1.5 && last < 0.5, "soft loss \(first) → \(last) bits/byte")
        #expect(model.hashedTables[1].logits.array != untrained.hashedTables[1].logits.array, "the tables got gradients")
        let network = model.discretized()
        #expect(network.hashedTables.map(\.hash.order) == [1, 2] && network.inputUnitCount == 4 * 4)
        let aig = network.circuit(nodeNames: true)
        try aig.validate()
        let circuit = try CircuitLanguageModel(aig)
        // Every context of the text, and random ones (unseen contexts reach other rows).
        let window = ContextWindow(width: 2)
        var contexts = (2..<text.count).flatMap { window.context(at: $0, in: text) }
        var random = SplitMix64(seed: 3)
        contexts += (0..<2 * 500).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        let count = contexts.count / 2
        #expect(circuit.scores(contexts: contexts, count: count) == network.scores(contexts: contexts, count: count))
        // The hash bits and the rows are named nodes of the circuit, for the interpretability commands.
        #expect(circuit.nodeNames.literal(named: "hash[2][5]") != nil && circuit.nodeNames.literal(named: "row[1][3]") != nil)
    }

    @Test func straightThroughForwardIsTheDiscreteModel() {
        let (model, text, _, _) = GateNetworkModelTests.trainedOnPeriodicText(steps: 30, hashedOrders: [2])
        model.straightThrough = true
        let result = model.evaluate(on: text, positions: 2..<514)
        #expect(abs(result.softBitsPerByte - result.discreteBitsPerByte) < 1e-4,
                "straight-through soft \(result.softBitsPerByte), discrete \(result.discreteBitsPerByte)")
    }

    @Test func checkpointsKeepTheTablesAndTheirMoments() throws {
        let (model, _, _, _) = GateNetworkModelTests.trainedOnPeriodicText(steps: 5, hashedOrders: [2, 1])
        let adam = Adam(parameters: model.parameters, learningRate: 0.05)
        let lastTable = adam.parameters.count - 1
        adam.secondMoments[lastTable][7] = 0.5
        let dir = try TemporaryDirectory()
        let path = dir.file("m.gatelm")
        try GateNetworkCheckpoint(model: model, training: .init()).write(to: path, optimizer: adam)
        let (loaded, file) = try GateNetworkCheckpoint.read(from: path)
        #expect(loaded.model.configuration.hashedOrders == [2, 1])
        #expect(loaded.model.hashedTables.map(\.logits.array) == model.hashedTables.map(\.logits.array))
        #expect(loaded.model.discretized() == model.discretized())
        #expect(try GateNetworkCheckpoint.optimizer(for: loaded, file: file).secondMoments[lastTable][7] == 0.5)

        // A table of the wrong length is refused with its name.
        var broken = file
        broken["table.1.logits"] = .float32([0, 1])
        #expect(throws: CheckpointFormatError.self) { try GateNetworkCheckpoint(file: broken, source: "m.gatelm") }
        do { _ = try GateNetworkCheckpoint(file: broken, source: "m.gatelm") } catch {
            #expect(error.description.contains("table.1.logits"))
        }
    }

    @Test func configurationsWithBadOrdersAreRefused() {
        var c = GateNetworkConfiguration()
        c.hashedOrders = [2, 2]
        #expect(throws: GateNetworkConfiguration.Invalid.self) { try c.validate(classCount: 10) }
        c.hashedOrders = [c.contextLength + 1]
        #expect(throws: GateNetworkConfiguration.Invalid.self) { try c.validate(classCount: 10) }
        c.hashedOrders = [1, 4]
        c.hashedRowBits = 0
        #expect(throws: GateNetworkConfiguration.Invalid.self) { try c.validate(classCount: 10) }
        c.hashedRowBits = 12
        #expect(throws: Never.self) { try c.validate(classCount: 10) }
    }
}
