import Foundation
import Testing
import Text
import _TestSupport

@Suite struct CorpusTests {
    @Test func readsTheBytesOfAFile() throws {
        let directory = try TemporaryDirectory()
        let bytes: [UInt8] = Array("héllo\n".utf8) + [0, 255]
        try Data(bytes).write(to: URL(fileURLWithPath: directory.file("text.txt")))
        let corpus = try Corpus(contentsOfFile: directory.file("text.txt"))
        #expect(corpus.bytes == bytes)
        #expect(corpus.name == "text.txt")
    }

    @Test func missingEmptyAndUnreadableFilesFailClearly() throws {
        let directory = try TemporaryDirectory()
        let missing = directory.file("absent.txt")
        #expect(throws: CorpusError.missingFile(path: missing)) { try Corpus(contentsOfFile: missing) }
        let empty = directory.file("empty.txt")
        try Data().write(to: URL(fileURLWithPath: empty))
        #expect(throws: CorpusError.emptyFile(path: empty)) { try Corpus(contentsOfFile: empty) }
        #expect(throws: CorpusError.unreadableFile(path: directory.path, reason: "Is a directory (EISDIR)")) {
            try Corpus(contentsOfFile: directory.path)
        }
        #expect(CorpusError.missingFile(path: missing).description.contains(missing))
    }

    @Test func fortunesStripSeparatorsSkipIndexesAndFollowNameOrder() throws {
        let directory = try TemporaryDirectory()
        func write(_ name: String, _ text: String) throws {
            try Data(text.utf8).write(to: URL(fileURLWithPath: directory.file(name)))
        }
        try write("zebra", "Z one\n%\nZ two\nline two\n%\n")
        try write("apple", "%\nA one\n\nsame fortune\n%\n   \n%\nA two")
        try write("apple.dat", "binary index")
        try write("apple.u8", "duplicate")
        try FileManager.default.createDirectory(atPath: directory.file("off"), withIntermediateDirectories: false)
        try write("off/rude", "offensive\n%\n")
        let corpus = try Corpus.fortunes(directory: directory.path)
        #expect(String(decoding: corpus.bytes, as: UTF8.self)
            == "A one\n\nsame fortune\n\nA two\n\nZ one\n\nZ two\nline two\n\n")
        #expect(corpus.name == "fortunes")
    }

    @Test func aMissingFortunesDirectoryPointsToTheSetUpScript() {
        let error = #expect(throws: CorpusError.self) { try Corpus.fortunes(directory: "/nonexistent/fortunes") }
        #expect(error?.description.contains("scripts/setup.sh") == true)
        #expect(error?.description.contains("fortunes") == true)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: Corpus.fortunesDirectory)))
    func defaultCorpusIsPlainTextOfReasonableSize() throws {
        let corpus = try Corpus.default()
        let printable = corpus.bytes.filter { $0 == 0x0A || $0 == 0x09 || (0x20..<0x7F).contains($0) }.count
        print("default corpus: \(corpus.bytes.count) bytes, \(ByteVocabulary(of: corpus.bytes).count) distinct byte values, \(Double(printable) / Double(corpus.bytes.count)) printable ASCII")
        #expect(corpus.bytes.count > 1_000_000 && corpus.bytes.count < 20_000_000)
        #expect(Double(printable) / Double(corpus.bytes.count) > 0.999)
        #expect(!corpus.bytes.contains(0))
        let text = String(decoding: corpus.bytes, as: UTF8.self)
        #expect(!text.contains("\n%\n"))
    }
}
