extension SimulationProgram {
    /// Evaluates every kept AND node for one block of lanes, in topological order.
    ///
    /// `values` holds `slotCount` blocks of type `V` (64-byte aligned); the
    /// constant, input and latch slots must be filled in. This is the hot
    /// loop: no allocation, no branches on data, two loads and one store per
    /// node; a slot literal decodes into a byte offset (`(raw & ~1) << shift`)
    /// and a complement mask.
    @inline(__always)
    func evaluateAnds<V: LaneBlock>(_: V.Type, values: UnsafeMutableRawPointer) {
        let stride = MemoryLayout<V>.stride
        let shift = stride.trailingZeroBitCount - 1
        withUnsafeBytes(of: complementMaskTable) { maskTable in
            instructions.withUnsafeBufferPointer { buffer in
                guard var instruction = buffer.baseAddress, let masks = maskTable.baseAddress else { return }
                let end = instruction + buffer.count
                while instruction < end {
                    let raw0 = instruction[0], raw1 = instruction[1], target = Int(truncatingIfNeeded: instruction[2])
                    let a = values.load(fromByteOffset: Int(truncatingIfNeeded: raw0 & ~1) &<< shift, as: V.self)
                    let b = values.load(fromByteOffset: Int(truncatingIfNeeded: raw1 & ~1) &<< shift, as: V.self)
                    let result = (a ^ V.complementMask(of: raw0, table: masks)) & (b ^ V.complementMask(of: raw1, table: masks))
                    values.storeBytes(of: result, toByteOffset: target &* stride, as: V.self)
                    instruction += 3
                }
            }
        }
    }
}

/// The complement masks of a literal's low bit, for `LaneBlock.complementMask(of:table:)`.
let complementMaskTable: (UInt64, UInt64) = (0, ~0)
