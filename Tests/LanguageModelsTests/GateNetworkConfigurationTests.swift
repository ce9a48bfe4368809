import Foundation
import LanguageModels
import Text
import Testing

@Suite struct GateNetworkConfigurationTests {
    @Test func roundTripsThroughJSON() throws {
        var configuration = GateNetworkConfiguration()
        configuration.wiring = .uniform
        configuration.temperature = 1.5
        configuration.hiddenWidths = [64, 32]
        let data = try JSONEncoder().encode(configuration)
        #expect(try JSONDecoder().decode(GateNetworkConfiguration.self, from: data) == configuration)
    }

    @Test func checkpointsFromBeforeTheWiringOptionReadAsUniformWiring() throws {
        // The first checkpoint version had no "wiring" key: those models were wired uniformly.
        let old = """
            {"contextLength":8,"embeddingBits":8,"hiddenWidths":[4096,4096,4096],"groupSize":32,\
            "epsilon":0.001,"passThroughLogit":5,"seed":1}
            """
        let configuration = try JSONDecoder().decode(GateNetworkConfiguration.self, from: Data(old.utf8))
        #expect(configuration.wiring == .uniform && configuration.temperature == nil && configuration.groupSize == 32)
        #expect(GateNetworkConfiguration().wiring == .recency)
    }

    @Test func recencyWiringReadsTheMostRecentByteMost() {
        var configuration = GateNetworkConfiguration()
        configuration.contextLength = 4
        configuration.hashedOrders = []
        configuration.embeddingBits = 4
        configuration.hiddenWidths = [200]
        configuration.groupSize = 2
        let model = GateNetworkModel(configuration: configuration, vocabulary: ByteVocabulary(bytes: [0x61, 0x62]))
        var perSlot = [Int](repeating: 0, count: 4)
        for unit in model.layers[0].firstInput.array.prefix(200) { perSlot[Int(unit) / 4] += 1 }
        #expect(perSlot == perSlot.sorted() && perSlot[3] > 2 * perSlot[0])  // slot 3 is the most recent byte
    }
}
