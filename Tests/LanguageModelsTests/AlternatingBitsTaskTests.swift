import LanguageModels
import Testing

@Suite struct AlternatingBitsTaskTests {
    @Test func theSmallestModelSolvesTheTaskReadingOnlyThePreviousByte() {
        let result = AlternatingBitsTask.train(contextLength: 1, steps: 150)
        #expect(result.accuracy == 1)
        #expect(result.finalBitsPerByte < 0.2)
        #expect(result.network.gateCount == 2)   // one gate per class, no hidden layer
        #expect(result.positionsRead.allSatisfy { $0 == [1] })
    }

    @Test func withTwoBytesOfContextItReadsOnlyWhatPredicts() {
        let result = AlternatingBitsTask.train(contextLength: 2, steps: 200)
        #expect(result.accuracy == 1)
        // Each class's single gate can read one position: every output reads exactly one.
        #expect(result.positionsRead.allSatisfy { $0.count == 1 })
    }
}
