import Foundation
import GateLMSupport

extension Corpus {
    /// Where Debian's `fortunes` package installs its plain-text fortune files.
    public static let fortunesDirectory = "/usr/share/games/fortunes"

    /// The default corpus: Debian's `fortunes` package (about 2.5 MB of
    /// English quotations, jokes and poems), see `fortunes(directory:)`.
    /// Throws `CorpusError.defaultCorpusMissing` when it is not installed.
    public static func `default`() throws -> Corpus {
        try fortunes(directory: fortunesDirectory)
    }

    /// The fortune files of `directory` as one text.
    ///
    /// Reads the files whose names have no extension (skipping the `.dat`
    /// indexes, the `.u8` links and sub-directories such as `off/`) in sorted
    /// name order. The `%` separator lines are stripped: each fortune is
    /// followed by one empty line, so the text reads like plain prose with a
    /// paragraph break between fortunes. Everything else is kept byte for
    /// byte (a few fortunes use UTF-8 or backspace overstriking); no fortune
    /// holds a 0x00 byte, so the context pad byte never occurs in the text.
    public static func fortunes(directory: String) throws -> Corpus {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let files = names.filter { !$0.contains(".") && isRegularFile("\(directory)/\($0)") }.sorted()
        var bytes: [UInt8] = []
        for name in files {
            let path = "\(directory)/\(name)"
            let data: [UInt8]
            do { data = try InputFile.read(path) } catch { throw CorpusError.unreadableFile(path: path, reason: error.reason) }
            for entry in FortuneFile.entries(in: data) {
                bytes.append(contentsOf: entry)
                bytes.append(UInt8(ascii: "\n"))
            }
        }
        guard !bytes.isEmpty else { throw CorpusError.defaultCorpusMissing(directory: directory) }
        return Corpus(name: "fortunes", bytes: bytes)
    }

    private static func isRegularFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }
}
