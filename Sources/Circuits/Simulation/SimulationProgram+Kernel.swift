extension SimulationProgram {
    /// Evaluates every AND node for one block of lanes, in topological order.
    ///
    /// `values` holds `slotCount` blocks of type `V` (64-byte aligned); the
    /// constant, input and latch slots must be filled in. This is the
    /// hot loop: no allocation, no branches on data, one store per node.
    @inline(__always)
    func evaluateAnds<V: LaneBlock>(_: V.Type, values: UnsafeMutableRawPointer) {
        let stride = MemoryLayout<V>.stride
        let shift = stride.trailingZeroBitCount - 1
        instructions.withUnsafeBufferPointer { buffer in
            guard var instruction = buffer.baseAddress else { return }
            let end = instruction + buffer.count
            while instruction < end {
                let raw0 = instruction[0], raw1 = instruction[1], target = Int(truncatingIfNeeded: instruction[2])
                let a = values.load(fromByteOffset: Int(truncatingIfNeeded: raw0 & ~1) &<< shift, as: V.self)
                let b = values.load(fromByteOffset: Int(truncatingIfNeeded: raw1 & ~1) &<< shift, as: V.self)
                let mask0 = V(broadcasting: 0 &- UInt64(truncatingIfNeeded: raw0 & 1))
                let mask1 = V(broadcasting: 0 &- UInt64(truncatingIfNeeded: raw1 & 1))
                values.storeBytes(of: (a ^ mask0) & (b ^ mask1), toByteOffset: target &* stride, as: V.self)
                instruction += 3
            }
        }
    }
}
