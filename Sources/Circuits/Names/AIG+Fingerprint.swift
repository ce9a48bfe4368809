import GateLMSupport

extension AIG {
    /// A 64-bit FNV-1a hash of the structure (counts, fanins, latches and
    /// outputs), not of names or comments: what node names recorded in the
    /// comments are checked against, so that names written for one circuit are
    /// never read for another (an optimised circuit keeps the comments but not
    /// the numbering).
    public var structuralFingerprint: UInt64 {
        var hasher = FNV1a()
        func combine(_ values: [UInt32]) { values.withUnsafeBytes { hasher.combine($0) } }
        combine([UInt32(truncatingIfNeeded: inputCount), UInt32(truncatingIfNeeded: latchCount),
                 UInt32(truncatingIfNeeded: andCount), UInt32(truncatingIfNeeded: outputCount)])
        combine(fanin0.map(\.raw))
        combine(fanin1.map(\.raw))
        combine(latches.map(\.next.raw))
        combine(outputs.map(\.raw))
        return hasher.value
    }
}
