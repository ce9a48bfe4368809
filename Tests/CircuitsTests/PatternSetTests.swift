import Testing
import Circuits

@Suite struct PatternSetTests {
    @Test(arguments: [0, 1, 63, 64, 65, 511, 513])
    func subscriptSetsExactlyOneBit(patternCount: Int) {
        var set = PatternSet(signalCount: 3, patternCount: patternCount)
        #expect(set.wordsPerSignal == (patternCount + 63) / 64)
        #expect(set.words.allSatisfy { $0 == 0 })
        guard patternCount > 0 else { return }
        let last = patternCount - 1
        set[1, last] = true
        #expect(set[1, last] && !set[0, last] && !set[2, last])
        #expect(set.words.reduce(0) { $0 + $1.nonzeroBitCount } == 1)
        #expect(set.words(ofSignal: 1).last! == 1 << UInt64(last % 64))
        set[1, last] = false
        #expect(set == PatternSet(signalCount: 3, patternCount: patternCount))
    }

    @Test func randomIsDeterministicPerSeedAndDiffersAcrossSeeds() {
        let a = PatternSet.random(signalCount: 5, patternCount: 130, seed: 42)
        #expect(a == PatternSet.random(signalCount: 5, patternCount: 130, seed: 42))
        #expect(a != PatternSet.random(signalCount: 5, patternCount: 130, seed: 43))
    }

    @Test(arguments: [1, 63, 65, 513])
    func randomLeavesUnusedHighBitsZero(patternCount: Int) {
        let set = PatternSet.random(signalCount: 4, patternCount: patternCount, seed: 9)
        for signal in 0..<4 {
            #expect(set.words(ofSignal: signal).last! & ~set.lastWordMask == 0)
        }
        // With 4 × patternCount random bits, both values occur.
        let ones = set.words.reduce(0) { $0 + $1.nonzeroBitCount }
        #expect(ones > 0 && ones < 4 * patternCount || patternCount == 1)
    }

    @Test func setWordsMasksTheLastWord() {
        var set = PatternSet(signalCount: 2, patternCount: 70)
        set.setWords(ofSignal: 1, to: [~0, ~0])
        #expect(Array(set.words(ofSignal: 1)) == [~0, 0x3F])
        #expect(Array(set.words(ofSignal: 0)) == [0, 0])
        #expect(set.wordColumn(1) == [0, 0x3F])
    }
}

@Suite struct PatternSetPrefixTests {
    @Test(arguments: [0, 1, 63, 64, 65, 130])
    func prefixKeepsTheFirstPatternsAndClearsTheRest(_ count: Int) throws {
        let all = PatternSet.random(signalCount: 5, patternCount: 130, seed: 3)
        let first = all.prefix(count)
        #expect(first.patternCount == count && first.signalCount == 5)
        for s in 0..<5 { for p in 0..<count { #expect(first[s, p] == all[s, p]) } }
        let text = all.formatted().split(separator: "\n").prefix(count).map { $0 + "\n" }.joined()
        #expect(first == (try PatternSet(parsing: text, signalCount: 5)))
    }
}
