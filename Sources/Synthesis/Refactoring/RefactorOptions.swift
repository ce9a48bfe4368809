/// Settings of `AIG.refactored(_:)`.
public struct RefactorOptions: Sendable, Hashable {
    /// Accept replacements that save nothing (ABC's `refactor -z`).
    public var zeroCost: Bool
    /// The most leaves of a node's reconvergence-driven cut (ABC: 10).
    public var maxLeaves: Int
    /// When a node's local cut (grown through nodes of at most two
    /// fanouts, as ABC's) gives nothing, also try the cut grown through
    /// shared nodes: slower, but it finds restructurings the local one
    /// misses. Zero-cost passes use local cuts only.
    public var wideCuts: Bool

    public init(zeroCost: Bool = false, maxLeaves: Int = 10, wideCuts: Bool = true) {
        self.zeroCost = zeroCost
        self.maxLeaves = maxLeaves
        self.wideCuts = wideCuts
    }
}
