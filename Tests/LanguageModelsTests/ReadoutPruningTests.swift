import Circuits
import GateLMSupport
import LanguageModels
import Testing
import Text

@Suite("Readout pruning")
struct ReadoutPruningTests {
    static let classes = Array(" abcdef".utf8)

    /// Text with some structure (a repeated phrase) and some noise. The
    /// phrase's length is odd: the two samples (even and odd positions here)
    /// must see the same mix of contexts.
    static func text(count: Int, seed: UInt64) -> [UInt8] {
        var rng = SplitMix64(seed: seed)
        let phrase = Array("abc def fed cab a ".utf8.dropLast())
        return (0..<count).map { i in rng.next() % 8 == 0 ? classes[Int(rng.next() % 7)] : phrase[i % phrase.count] }
    }

    static let readout = ReadoutParameters(temperature: 2, epsilon: 0.01)

    @Test(arguments: [1, 2, 3] as [UInt64])
    func prunesVotesWithoutLosingTrainingBits(seed: UInt64) throws {
        let network = DiscreteGateNetworkTests.randomNetwork(seed: seed, widths: [48, 56], classes: Self.classes)
        let text = Self.text(count: 6000, seed: seed)
        let training = 0..<5400
        let (pruned, report) = network.prunedReadout(text: text, trainingPositions: training, readout: Self.readout)
        // Random votes are noise: some become constants, and the loss does not grow.
        #expect(report.prunedGates > 0 && report.rounds > 0)
        #expect(report.trainingBitsAfter <= report.trainingBitsBefore)
        // Only last-layer gates change, each to a constant; the report counts them.
        let before = network.layers.last!.functions, after = pruned.layers.last!.functions
        let changed = zip(before, after).filter { $0 != $1 }
        #expect(changed.allSatisfy { $0.1 == 0 || $0.1 == 15 })
        #expect(after.filter { $0 == 0 || $0 == 15 }.count >= report.prunedGates)
        #expect(changed.count <= report.prunedGates)
        #expect(Array(pruned.layers.dropLast()) == Array(network.layers.dropLast()))
        // The reported bits/byte is the pruned circuit's on the held-out sample
        // (the odd training positions here), recomputed independently.
        let model = try CircuitLanguageModel(pruned.circuit(readout: Self.readout))
        var heldOut = BitsPerByte()
        for position in stride(from: 1, to: training.upperBound, by: 2) {
            let scores = model.scores(contexts: model.contexts(of: position..<(position + 1), in: text), count: 1)
            scores.withUnsafeBufferPointer {
                heldOut.add(target: text[position], scores: $0, divisor: Self.readout.temperature,
                            vocabulary: ByteVocabulary(bytes: Self.classes), epsilon: Self.readout.epsilon)
            }
        }
        #expect(abs(heldOut.mean - report.trainingBitsAfter) < 1e-9)
        // Constant votes shrink the popcounts.
        #expect(pruned.circuit().andCount < network.circuit().andCount)
    }

    @Test func aToleranceAllowsMorePruning() {
        let network = DiscreteGateNetworkTests.randomNetwork(seed: 7, widths: [48, 56], classes: Self.classes)
        let text = Self.text(count: 6000, seed: 7)
        let strict = network.prunedReadout(text: text, trainingPositions: 0..<5400, readout: Self.readout).report
        let loose = network.prunedReadout(text: text, trainingPositions: 0..<5400, readout: Self.readout,
                                          options: ReadoutPruningOptions(tolerance: 0.05)).report
        #expect(loose.prunedGates >= strict.prunedGates)
        #expect(loose.trainingBitsAfter <= loose.trainingBitsBefore + 0.05)
    }
}
