import Circuits
import GateLMSupport
import LanguageModels
import Testing
import _TestSupport

/// The count ROM with back-off: a class takes its vote only from the highest order whose row
/// holds it. The masking is right on hand-made rows, the discrete forward is the brute-force
/// back-off sum, and the compiled circuit and the emitted C compute exactly that.
@Suite struct CountROMBackOffTests {
    static func entry(_ classIndex: Int, _ level: Int) -> UInt16 { CountTable.pack(classIndex: classIndex, level: level) }

    @Test func aHigherOrderShadowsOnlyTheSameClassAndOnlyWhenItsSlotIsNonempty() {
        // Tables in the order 3, 1, 2 (orders need not be sorted), two slots each, two contexts.
        let orders = [3, 1, 2]
        var entries: [UInt16] = [
            // context 0: order 3 holds 5 and 2; order 1 holds 5 (shadowed) and 4; order 2 holds 4 (shadows order 1's 4) and 2 (shadowed).
            Self.entry(5, 7), Self.entry(2, 1), Self.entry(5, 3), Self.entry(4, 9), Self.entry(4, 2), Self.entry(2, 30),
            // context 1: order 3 is empty (class 0, level 0 shadows nothing); order 1 holds 0; order 2 holds 1 and is otherwise empty.
            0, 0, Self.entry(0, 4), Self.entry(1, 5), Self.entry(1, 6), 0,
        ]
        entries.withUnsafeMutableBufferPointer { CountROM.shadowLowerOrders(orders: orders, slots: 2, count: 2, entries: $0.baseAddress!) }
        #expect(entries == [
            Self.entry(5, 7), Self.entry(2, 1), 0, 0, Self.entry(4, 2), 0,
            0, 0, Self.entry(0, 4), 0, Self.entry(1, 6), 0,
        ])
    }

    /// The brute-force back-off scores of `network`'s ROM for one context: for each class, the
    /// weight of the slot holding it in the highest order whose row holds it (nonempty).
    static func backOffVotes(_ rom: CountROM, context: [UInt8], classCount: Int) -> [Int32] {
        var votes = [Int32](repeating: 0, count: classCount)
        for c in 0..<classCount {
            var best: (order: Int, vote: Int)?
            for (t, table) in rom.tables.enumerated() {
                // The hash from its definition: the XOR of the columns of the set bits of the last `order` bytes.
                var row = 0
                for p in 0..<table.hash.order {
                    for b in 0..<8 where context[context.count - 1 - p] >> b & 1 == 1 { row ^= Int(table.hash.columns[p * 8 + b]) }
                }
                for k in 0..<rom.slots {
                    let (stored, level) = CountTable.unpack(table.entries[row * rom.slots + k])
                    guard level != 0, stored == c, best.map({ table.hash.order > $0.order }) ?? true else { continue }
                    best = (table.hash.order, rom.weight(table: t, slot: k, level: level))
                }
            }
            votes[c] = Int32(best?.vote ?? 0)
        }
        return votes
    }

    @Test(arguments: [21, 22, 23] as [UInt64])
    func backedOffScoresAreTheBruteForceOnesAndTheCircuitComputesThem(_ seed: UInt64) throws {
        let network = DiscreteGateNetworkTests.randomNetwork(seed: seed, countOrders: [2, 1, 3], countBackOff: true)
        var additive = network
        additive.countROM!.backOff = false
        var groupsOnly = network
        groupsOnly.countROM = nil
        let count = 400
        var rng = SplitMix64(seed: seed + 50)
        let contexts = (0..<count * 3).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let scores = network.scores(contexts: contexts, count: count), groups = groupsOnly.scores(contexts: contexts, count: count)
        let classes = network.classCount
        for i in 0..<count {
            let expected = Self.backOffVotes(network.countROM!, context: Array(contexts[i * 3 ..< (i + 1) * 3]), classCount: classes)
            #expect(zip(scores[i * classes ..< (i + 1) * classes], groups[i * classes ..< (i + 1) * classes]).map { $0 - $1 } == expected)
        }
        // Back-off changed some scores: the random ROM's orders often hold the same class.
        #expect(scores != additive.scores(contexts: contexts, count: count))
        let aig = network.circuit()
        try aig.validate()
        _ = DiscreteGateNetworkTests.expectSimulationMatches(network, aig, count: count, seed: seed + 100)
        // The additive circuit is a different function on the same contexts.
        let outputs = Simulator(additive.circuit()).simulate(DiscreteGateNetworkTests.patterns(contexts, count: count, contextLength: 3))
        let differs = (0..<count).contains { i in
            DiscreteGateNetworkTests.decodeScores(outputs, network: network, aig: aig, pattern: i) != Array(scores[i * classes ..< (i + 1) * classes])
        }
        #expect(differs)
    }

    @Test(.enabled(if: ExternalCommand.find("cc") != nil))
    func emittedCGivesTheBackedOffScores() throws {
        let network = DiscreteGateNetworkTests.randomNetwork(seed: 24, hashedOrders: [2], countOrders: [1, 3], countBackOff: true)
        try DiscreteGateNetworkTests.expectEmittedCMatches(network, count: 150, seed: 7)
    }
}
