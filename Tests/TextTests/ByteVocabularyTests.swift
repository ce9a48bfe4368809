import Foundation
import Testing
import Text

@Suite struct ByteVocabularyTests {
    @Test func holdsTheSortedDistinctBytesOfTheText() {
        let vocabulary = ByteVocabulary(of: Array("banana!".utf8))
        #expect(vocabulary.bytes == Array("!abn".utf8))
        #expect(vocabulary.count == 4)
        #expect(vocabulary.classIndex(of: UInt8(ascii: "n")) == 3)
        #expect(vocabulary.byte(ofClass: 1) == UInt8(ascii: "a"))
        #expect(vocabulary.contains(UInt8(ascii: "b")))
        #expect(!vocabulary.contains(UInt8(ascii: "z")))
        #expect(vocabulary.classIndex(of: UInt8(ascii: "z")) == nil)
        #expect(ByteVocabulary(bytes: [3, 1, 3, 255, 0]).bytes == [0, 1, 3, 255])
    }

    @Test func classIndexAndByteAreInverse() {
        let vocabulary = ByteVocabulary(bytes: [0, 7, 42, 128, 255])
        for index in 0..<vocabulary.count {
            #expect(vocabulary.classIndex(of: vocabulary.byte(ofClass: index)) == index)
        }
    }

    @Test func roundTripsThroughJSON() throws {
        let vocabulary = ByteVocabulary(of: Array("Hello, world\n".utf8))
        let data = try JSONEncoder().encode(vocabulary)
        #expect(try JSONDecoder().decode(ByteVocabulary.self, from: data) == vocabulary)
        let unsorted = Data(#"{"bytes":[5,3]}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ByteVocabulary.self, from: unsorted) }
    }
}
