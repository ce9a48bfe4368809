import GateLMSupport
import Symbolic

/// Why a patch does not parse or does not apply: the patch line and column it is about, when
/// it is about one, and what is wrong.
public struct PatchError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The place in the patch's text (1-based), or nil for an error of the patched program as a whole.
    public var location: SourceLocation?
    /// What is wrong; the text it quotes has its invisible characters escaped (`UntrustedText.escaped`).
    public var message: String

    public init(_ location: SourceLocation?, _ message: String) {
        self.location = location
        self.message = UntrustedText.escaped(message)
    }

    public var description: String { (location.map { "patch \($0): " } ?? "") + message }
}
