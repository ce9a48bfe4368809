/// Settings of `AIG.refactored(_:)`.
public struct RefactorOptions: Sendable, Hashable {
    /// Accept replacements that save nothing (ABC's `refactor -z`).
    public var zeroCost: Bool
    /// The most leaves of a node's reconvergence-driven cut (ABC: 10).
    public var maxLeaves: Int

    public init(zeroCost: Bool = false, maxLeaves: Int = 10) {
        self.zeroCost = zeroCost
        self.maxLeaves = maxLeaves
    }
}
