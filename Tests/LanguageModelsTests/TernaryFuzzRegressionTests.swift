import LanguageModels
import Learning
import Testing
import Text
import _TestSupport

/// What the `ternary` fuzz target found: loaded models that trapped instead of being refused.
@Suite struct TernaryFuzzRegressionTests {
    /// A finite gain near Float's largest, doubled by the signed folding, overflowed to infinity
    /// and trapped `ThresholdFolding.fold`'s precondition; it is now an error naming the unit.
    @Test func aGainThatOverflowsWhenFoldedIsAnError() throws {
        let dir = try TemporaryDirectory()
        let network = TernaryRNNFoldingTests.network(seed: 11, stateBits: 4, codeBits: 2, signed: true)
        network.gain[3] = Float.greatestFiniteMagnitude
        try TernaryRNNCheckpoint(network: network, vocabulary: ByteVocabulary(bytes: TernaryRNNFoldingTests.classBytes), training: .init())
            .write(to: dir.file("m.gatelm"), optimizer: nil)
        // Refused where the file is read (it is folded once there), naming the unit and the tensors.
        #expect {
            _ = try TernaryRNNCheckpoint.read(from: dir.file("m.gatelm")).0.discrete()
        } throws: { error in
            String(describing: error).contains("unit 3") && String(describing: error).contains("3.4028235e+38")
        }
    }
}
