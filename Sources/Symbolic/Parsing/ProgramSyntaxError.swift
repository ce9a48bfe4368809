import GateLMSupport

/// A place in a program's text, 1-based.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
    public var description: String { "\(line):\(column)" }
    public static func < (a: Self, b: Self) -> Bool { (a.line, a.column) < (b.line, b.column) }
}

/// Why a program's text does not parse: the first error, at its line and column.
public struct ProgramSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    public var location: SourceLocation
    /// What is wrong; the text it quotes has its invisible characters escaped (`UntrustedText.escaped`).
    public var message: String
    public init(_ location: SourceLocation, _ message: String) {
        self.location = location
        self.message = UntrustedText.escaped(message)
    }
    public var description: String { "\(location): \(message)" }
}
