extension SmallAIG {
    /// Builds a copy of `structure` here with its leaves replaced by
    /// `leaves`; returns the image of its output.
    mutating func instantiate(_ structure: SmallAIG, leaves: [UInt32]) -> UInt32 {
        var image = [UInt32](repeating: 0, count: 1 + structure.leafCount + structure.nodeCount)
        for i in 0..<structure.leafCount { image[1 + i] = leaves[i] }
        func map(_ l: UInt32) -> UInt32 { image[Int(l >> 1)] ^ (l & 1) }
        for k in 0..<structure.nodeCount {
            image[structure.nodeVariable(k)] = and(map(structure.fanin0[k]), map(structure.fanin1[k]))
        }
        return map(structure.output)
    }
}
