import Foundation
import Testing
import Text
import _TestSupport

@Suite struct CorpusSplitTests {
    @Test func splitsNinetyTenByDefault() {
        let split = CorpusSplit(byteCount: 1000)
        #expect(split.training == 0..<900)
        #expect(split.validation == 900..<1000)
    }

    @Test func fractionIsConfigurableAndRoundsTheTrainingPartDown() {
        let split = CorpusSplit(byteCount: 7, validationFraction: 0.5)
        #expect(split.training == 0..<3)
        #expect(split.validation == 3..<7)
        #expect(CorpusSplit(byteCount: 10, validationFraction: 0).validation.isEmpty)
        #expect(CorpusSplit(byteCount: 10, validationFraction: 1).training.isEmpty)
    }

    @Test(.enabled(if: SharedData.directory.map { FileManager.default.fileExists(atPath: $0 + "/tinyshakespeare.txt") } ?? false))
    func tinyShakespeareSplitsAsNanoGPTDoes() throws {
        let corpus = try Corpus(contentsOfFile: SharedData.directory! + "/tinyshakespeare.txt")
        let split = CorpusSplit(corpus)
        // nanoGPT: n = 1115394, train = data[:int(n * 0.9)].
        #expect(corpus.bytes.count == 1_115_394)
        #expect(split.training == 0..<1_003_854)
        #expect(split.validation == 1_003_854..<1_115_394)
    }
}
