/// A malformed or unreadable AIGER file.
///
/// The description names where the problem is (a line for text, a byte
/// offset inside and after the binary AND section) and what was expected,
/// for example `line 4: expected a space after the latch literal but found 'x'`.
public struct AIGERError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where in the file a problem was found.
    public enum Location: Sendable, Hashable, CustomStringConvertible {
        /// A 1-based line number.
        case line(Int)
        /// A 0-based byte offset.
        case byteOffset(Int)

        public var description: String {
            switch self {
            case .line(let n): return "line \(n)"
            case .byteOffset(let n): return "byte offset \(n)"
            }
        }
    }

    /// Where the problem is; nil when the file could not be read at all.
    public var location: Location?
    /// What is wrong, without the location.
    public var message: String
    /// The file, when reading from a path.
    public var path: String?

    public init(_ location: Location?, _ message: String, path: String? = nil) {
        self.location = location
        self.message = message
        self.path = path
    }

    public var description: String {
        var parts: [String] = []
        if let path { parts.append(path) }
        if let location { parts.append(location.description) }
        parts.append(message)
        return parts.joined(separator: ": ")
    }
}
