/// Moving one block of lanes between pattern sets and a worker's value
/// buffer. Words are addressed as `UInt64`: variable `v` occupies words
/// `v * width ..< (v + 1) * width` where `width` is the lane block's word count.
extension SimulationProgram {
    /// Clears the constant's lanes and sets every latch to its reset value.
    func resetBlock(_ values: UnsafeMutablePointer<UInt64>, width: Int) {
        values.update(repeating: 0, count: width)
        for j in 0..<latchCount {
            (values + (firstLatchVariable + j) * width).update(repeating: latchResetWords[j], count: width)
        }
    }

    /// Copies block `block` of every input signal into the input lanes; lanes
    /// past the last pattern are zero.
    func loadInputs(
        _ values: UnsafeMutablePointer<UInt64>, width: Int,
        from inputs: UnsafeBufferPointer<UInt64>, wordsPerSignal: Int, block: Int
    ) {
        let first = block * width
        let count = min(width, wordsPerSignal - first)
        for i in 0..<inputCount {
            let lanes = values + (1 + i) * width
            lanes.update(from: inputs.baseAddress! + i * wordsPerSignal + first, count: count)
            (lanes + count).update(repeating: 0, count: width - count)
        }
    }

    /// Writes block `block` of every output signal, clearing bits past the last pattern.
    func storeOutputs(
        _ values: UnsafeMutablePointer<UInt64>, width: Int,
        to outputWords: UnsafeMutablePointer<UInt64>, wordsPerSignal: Int, block: Int, lastWordMask: UInt64
    ) {
        let first = block * width
        let count = min(width, wordsPerSignal - first)
        let isLastBlock = first + count == wordsPerSignal
        for (j, raw) in outputs.enumerated() {
            let source = values + Int(raw >> 1) * width
            let complement = 0 &- UInt64(raw & 1)
            let target = outputWords + j * wordsPerSignal + first
            for w in 0..<count { target[w] = source[w] ^ complement }
            if isLastBlock && count > 0 { target[count - 1] &= lastWordMask }
        }
    }

    /// Replaces every latch value by its next state; `scratch` holds `latchCount * width` words.
    func advanceLatches(_ values: UnsafeMutablePointer<UInt64>, width: Int, scratch: UnsafeMutablePointer<UInt64>) {
        for (j, raw) in latchNext.enumerated() {
            let source = values + Int(raw >> 1) * width
            let complement = 0 &- UInt64(raw & 1)
            for w in 0..<width { scratch[j * width + w] = source[w] ^ complement }
        }
        (values + firstLatchVariable * width).update(from: scratch, count: latchCount * width)
    }
}
