/// A malformed pattern text: the line (1-based) and what is wrong with it.
public struct PatternError: Error, Hashable, Sendable, CustomStringConvertible {
    public let line: Int
    public let message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "pattern line \(line): \(message)" }
}
