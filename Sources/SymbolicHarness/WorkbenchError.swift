/// A tool call that cannot be carried out (a stale base, a version that does not exist, a patch
/// or program that does not parse …): the message says what and, where it applies, how to go on.
public struct WorkbenchError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
