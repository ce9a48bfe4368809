import Foundation

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

    /// The bytes of the file at `path`; throws a `CorpusError` when it is
    /// missing, empty or unreadable.
    public init(contentsOfFile path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CorpusError.missingFile(path: path)
        }
        if isDirectory.boolValue {
            throw CorpusError.unreadableFile(path: path, reason: "it is a directory")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CorpusError.unreadableFile(path: path, reason: error.localizedDescription)
        }
        guard !data.isEmpty else { throw CorpusError.emptyFile(path: path) }
        self.init(name: URL(fileURLWithPath: path).lastPathComponent, bytes: [UInt8](data))
    }
}
