import Foundation
import GateLMSupport

/// The bytes of a text, with a name for reports.
///
/// Models read text as raw bytes: no decoding, no normalisation.
public struct Corpus: Sendable, Equatable {
    /// A short name for reports (the file name, or "fortunes").
    public var name: String
    /// The text, byte for byte.
    public var bytes: [UInt8]

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }

    /// The bytes of the file at `path` (`-`: standard input; pipes and FIFOs are read to their
    /// end); throws a `CorpusError` when it is missing, empty or unreadable, with the reason.
    public init(contentsOfFile path: String) throws {
        let data: [UInt8]
        do { data = try InputFile.read(path) } catch {
            throw error.code == ENOENT ? CorpusError.missingFile(path: path) : CorpusError.unreadableFile(path: path, reason: error.reason)
        }
        guard !data.isEmpty else { throw CorpusError.emptyFile(path: path) }
        self.init(name: path == InputFile.standardInput ? "stdin" : URL(fileURLWithPath: path).lastPathComponent, bytes: data)
    }
}
