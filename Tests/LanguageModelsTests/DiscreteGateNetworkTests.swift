import Circuits
import Emitters
import Foundation
import GateLMSupport
import LanguageModels
import Testing
import _TestSupport

/// Invariant 1 (bit-exact): the discrete forward in Swift, the AIG simulation
/// and the emitted C give the same class scores.
@Suite struct DiscreteGateNetworkTests {
    static func randomNetwork(seed: UInt64, contextLength: Int = 3, embeddingBits: Int = 4,
                              widths: [Int] = [40, 36], classes: [UInt8] = Array(" abcdef".utf8),
                              hashedOrders: [Int] = [], countOrders: [Int] = [], countBackOff: Bool = false) -> DiscreteGateNetwork {
        DiscreteGateNetwork.random(seed: seed, contextLength: contextLength, embeddingBits: embeddingBits, widths: widths, classes: classes,
                                   hashedOrders: hashedOrders, countOrders: countOrders, countBackOff: countBackOff)
    }

    /// Contexts (oldest first) as circuit input patterns: bit b of the p-th most
    /// recent byte (`ctx[-(p+1)][b]`) is input p·8 + b.
    static func patterns(_ contexts: [UInt8], count: Int, contextLength: Int) -> PatternSet {
        var set = PatternSet(signalCount: contextLength * 8, patternCount: count)
        for i in 0..<count {
            for p in 0..<contextLength {
                let byte = contexts[i * contextLength + contextLength - 1 - p]
                for b in 0..<8 where byte >> b & 1 == 1 { set[p * 8 + b, i] = true }
            }
        }
        return set
    }

    /// Scores decoded from simulated output bits (class-major, LSB first).
    static func decodeScores(_ outputs: PatternSet, network: DiscreteGateNetwork, aig: AIG, pattern: Int) -> [Int32] {
        var scores = [Int32](repeating: 0, count: network.classCount)
        var signal = 0
        let width = aig.outputCount / network.classCount
        for c in 0..<network.classCount {
            for bit in 0..<width where outputs[signal + bit, pattern] { scores[c] |= 1 << Int32(bit) }
            signal += width
        }
        return scores
    }

    /// Checks the AIG's simulated scores against the discrete forward on `count` random contexts
    /// of 3 bytes; returns the discrete scores.
    static func expectSimulationMatches(_ network: DiscreteGateNetwork, _ aig: AIG, count: Int, seed: UInt64) -> [Int32] {
        var rng = SplitMix64(seed: seed)
        let contexts = (0..<count * 3).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let expected = network.scores(contexts: contexts, count: count)
        let outputs = Simulator(aig).simulate(Self.patterns(contexts, count: count, contextLength: 3))
        for i in 0..<count {
            #expect(Self.decodeScores(outputs, network: network, aig: aig, pattern: i)
                    == Array(expected[i * network.classCount ..< (i + 1) * network.classCount]))
        }
        return expected
    }

    /// With and without hashed-context tables (ROMs indexed by an XOR hash of the last bytes).
    @Test(arguments: zip([1, 2, 3, 4] as [UInt64], [[], [1], [2, 3], [3, 1, 2]] as [[Int]]))
    func forwardAndCircuitGiveTheSameScores(_ seed: UInt64, hashedOrders: [Int]) throws {
        let network = Self.randomNetwork(seed: seed, hashedOrders: hashedOrders)
        #expect(network.inputUnitCount == (3 + hashedOrders.count) * 4)
        let aig = network.circuit()
        try aig.validate()
        #expect(aig.inputCount == 24)
        #expect(aig.names.inputs.first == "ctx[-1][0]" && aig.names.outputs.first == "score[0x20][0]")
        let expected = Self.expectSimulationMatches(network, aig, count: 300, seed: seed + 100)
        // Scores are popcounts of groups: never above the group size.
        #expect(expected.allSatisfy { $0 >= 0 && Int($0) <= network.groupSize })
    }

    /// With a count ROM (orders 1 exact, 2 and 3 hashed), alone and beside hashed tables.
    @Test(arguments: zip([11, 12, 13] as [UInt64], [[], [2], [1, 3]] as [[Int]]))
    func countROMVotesAreAddedBitExactly(_ seed: UInt64, hashedOrders: [Int]) throws {
        let network = Self.randomNetwork(seed: seed, hashedOrders: hashedOrders, countOrders: [1, 2, 3])
        #expect(network.countROM?.tables.map(\.hash.bits) == [8, 8, 8])
        let aig = network.circuit()
        try aig.validate()
        let expected = Self.expectSimulationMatches(network, aig, count: 400, seed: seed + 100)
        // The votes did reach the scores: some exceed what the groups alone can give.
        #expect(expected.contains { Int($0) > network.groupSize })
    }

    @Test func argmaxOutputNamesTheFirstBestClass() throws {
        let network = Self.randomNetwork(seed: 8)
        let aig = network.circuit(argmax: true)
        let count = 200
        var rng = SplitMix64(seed: 4)
        let contexts = (0..<count * 3).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let scores = network.scores(contexts: contexts, count: count)
        let outputs = Simulator(aig).simulate(Self.patterns(contexts, count: count, contextLength: 3))
        let indexBits = aig.outputCount - aig.names.outputs.filter { $0?.hasPrefix("score") == true }.count
        for i in 0..<count {
            let row = Array(scores[i * network.classCount ..< (i + 1) * network.classCount])
            let best = row.firstIndex(of: row.max()!)!
            var index = 0
            for bit in 0..<indexBits where outputs[aig.outputCount - indexBits + bit, i] { index |= 1 << bit }
            #expect(index == best)
        }
    }

    @Test(.enabled(if: ExternalCommand.find("cc") != nil))
    func emittedCGivesTheSameScores() throws {
        try Self.expectEmittedCMatches(Self.randomNetwork(seed: 5, hashedOrders: [1, 3], countOrders: [1, 3]), count: 150, seed: 6)
    }

    /// Compiles `network`'s circuit to C, runs it on `count` random contexts of 3 bytes and checks
    /// its printed scores against the discrete forward.
    static func expectEmittedCMatches(_ network: DiscreteGateNetwork, count: Int, seed: UInt64) throws {
        let aig = network.circuit()
        var rng = SplitMix64(seed: seed)
        let contexts = (0..<count * 3).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let printed = try EmittedCProgram.run(aig, inputs: Self.patterns(contexts, count: count, contextLength: 3))
        let expected = network.scores(contexts: contexts, count: count)
        for i in 0..<count {
            #expect(Self.decodeScores(printed, network: network, aig: aig, pattern: i)
                    == Array(expected[i * network.classCount ..< (i + 1) * network.classCount]))
        }
    }
}
