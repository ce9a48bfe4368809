extension SimulationProgram {
    /// Evaluates every AND node for one block of lanes, in topological order.
    ///
    /// `values` holds `variableCount` blocks of type `V` (64-byte aligned);
    /// the constant, input and latch blocks must be filled in. This is the
    /// hot loop: no allocation, no branches on data, one store per node.
    @inline(__always)
    func evaluateAnds<V: LaneBlock>(_: V.Type, values: UnsafeMutableRawPointer) {
        let stride = MemoryLayout<V>.stride
        let shift = stride.trailingZeroBitCount - 1
        fanins.withUnsafeBufferPointer { buffer in
            guard var literal = buffer.baseAddress else { return }
            let end = literal + buffer.count
            var target = values + firstAndVariable &* stride
            while literal < end {
                let raw0 = literal[0], raw1 = literal[1]
                let a = values.load(fromByteOffset: Int(truncatingIfNeeded: raw0 & ~1) &<< shift, as: V.self)
                let b = values.load(fromByteOffset: Int(truncatingIfNeeded: raw1 & ~1) &<< shift, as: V.self)
                let mask0 = V(broadcasting: 0 &- UInt64(truncatingIfNeeded: raw0 & 1))
                let mask1 = V(broadcasting: 0 &- UInt64(truncatingIfNeeded: raw1 & 1))
                target.storeBytes(of: (a ^ mask0) & (b ^ mask1), as: V.self)
                target += stride
                literal += 2
            }
        }
    }
}
