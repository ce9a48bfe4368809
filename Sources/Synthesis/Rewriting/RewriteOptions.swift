/// Settings of `AIG.rewritten(_:)`.
public struct RewriteOptions: Sendable, Hashable {
    /// Accept replacements that save nothing (ABC's `rewrite -z`): they
    /// reshape the graph so that later passes find savings.
    public var zeroCost: Bool
    /// Cuts kept per node, the trivial cut included (ABC's `dc2` keeps 8).
    public var cutsPerNode: Int

    public init(zeroCost: Bool = false, cutsPerNode: Int = 8) {
        self.zeroCost = zeroCost
        self.cutsPerNode = cutsPerNode
    }
}
