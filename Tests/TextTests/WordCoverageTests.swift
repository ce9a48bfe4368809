import Testing
import Text

@Suite struct WordCoverageTests {
    @Test func countsLongWordsCaseInsensitively() {
        let vocabulary = WordCoverage.vocabulary(of: Array("The quick brown fox, THE lazy dog.".utf8))
        #expect(vocabulary == ["quick", "brown", "lazy"])
        let coverage = WordCoverage(text: Array("Quick quikc! brown-fox lazy".utf8), vocabulary: vocabulary)
        // "fox" is too short to count; "quikc" is not a word of the reference.
        #expect(coverage.words == 4)
        #expect(coverage.known == 3)
        #expect(coverage.fraction == 0.75)
    }

    @Test func aTextWithoutLongWordsHasNoFraction() {
        let coverage = WordCoverage(text: Array("a an the, 12345".utf8), vocabulary: ["word"])
        #expect(coverage.words == 0)
        #expect(coverage.fraction == nil)
    }

    @Test func theMinimumLengthIsAParameter() {
        let vocabulary = WordCoverage.vocabulary(of: Array("ab abc".utf8), minimumLength: 2)
        #expect(vocabulary == ["ab", "abc"])
        #expect(WordCoverage(text: Array("ab zz".utf8), vocabulary: vocabulary, minimumLength: 2).known == 1)
    }
}
