import Testing
import Text

@Suite struct BatchSamplerTests {
    let text = Array("the quick brown fox jumps over the lazy dog".utf8)

    @Test func samplesAreContextsAndTargetsOfPositionsInTheRange() {
        let window = ContextWindow(width: 5)
        var sampler = BatchSampler(window: window, positions: 0..<30, seed: 7)
        var reference = BatchSampler(window: window, positions: 0..<30, seed: 7)
        var batch = Minibatch(size: 64, width: 5)
        sampler.fill(&batch, from: text)
        for i in 0..<batch.size {
            let position = reference.nextPosition()
            #expect((0..<30).contains(position))
            #expect(Array(batch.context(i)) == window.context(at: position, in: text))
            #expect(batch.targets[i] == text[position])
        }
    }

    @Test func sameSeedSameBatchesOtherSeedOtherBatches() {
        func batches(seed: UInt64) -> [[UInt8]] {
            var sampler = BatchSampler(window: ContextWindow(width: 3), positions: 0..<text.count, seed: seed)
            var batch = Minibatch(size: 16, width: 3)
            return (0..<3).map { _ in sampler.fill(&batch, from: text); return batch.contexts + batch.targets }
        }
        #expect(batches(seed: 1) == batches(seed: 1))
        #expect(batches(seed: 1) != batches(seed: 2))
        #expect(batches(seed: 1)[0] != batches(seed: 1)[1])
    }

    @Test func positionsCoverTheRangeUniformly() {
        var sampler = BatchSampler(window: ContextWindow(width: 1), positions: 10..<20, seed: 3)
        var histogram = [Int](repeating: 0, count: 10)
        for _ in 0..<10_000 { histogram[sampler.nextPosition() - 10] += 1 }
        #expect(histogram.allSatisfy { (850...1150).contains($0) }, "\(histogram)")
    }
}
