/// Why a corpus could not be loaded.
public enum CorpusError: Error, Equatable, CustomStringConvertible {
    /// No file exists at the path.
    case missingFile(path: String)
    /// The file exists but holds no bytes.
    case emptyFile(path: String)
    /// The path exists but cannot be read as a file (a directory, no permission, I/O error).
    case unreadableFile(path: String, reason: String)
    /// Too few bytes to train on or to validate with.
    case tooSmall(name: String, bytes: Int, validationBytes: Int, needed: Int)
    /// Debian's `fortunes` package, the default corpus, is not installed.
    case defaultCorpusMissing(directory: String)

    public var description: String {
        switch self {
        case .missingFile(let path):
            return "corpus file not found: \(path)"
        case .emptyFile(let path):
            return "corpus file is empty: \(path)"
        case .unreadableFile(let path, let reason):
            return "cannot read corpus file \(path): \(reason)"
        case .tooSmall(let name, let bytes, let validationBytes, let needed):
            return "\(name) has \(bytes) bytes, \(validationBytes) of them in the validation part (the last 10 %): "
                + "training and evaluation need at least \(needed) in each part (\(needed * 10) bytes in all)"
        case .defaultCorpusMissing(let directory):
            return "the default corpus (Debian's fortunes, \(directory)) is not installed: "
                + "run scripts/setup.sh (it installs the apt package `fortunes`) or pass a text file"
        }
    }
}
