/// What the fixed gate order (gate 0, 1, …) implies for the input-gradient
/// writes of the backward pass.
///
/// The first gate to touch an input-gradient row stores into it instead of
/// adding, so the rows need no zeroing pass (one write of every row saved);
/// input units no gate reads are listed so they can be zeroed.
///
/// Measured alternatives that lost: visiting gates along shared input units
/// (so one row per gate is still in L1) and visiting slices outermost (so rows
/// stay in L3) both broke the long contiguous streams and ran slower.
struct GateSchedule {
    /// Per gate: bit 0 set when it is the first to write the gradient of its
    /// first input, bit 1 likewise for its second input.
    let firstTouch: AlignedBuffer<UInt8>
    /// Input units no gate reads (their gradient is zero).
    let unreadInputs: [UInt32]

    init(inputCount: Int, first: [UInt32], second: [UInt32]) {
        var touched = [Bool](repeating: false, count: inputCount), flags = [UInt8](repeating: 0, count: first.count)
        for gate in first.indices {
            if !touched[Int(first[gate])] { flags[gate] |= 1; touched[Int(first[gate])] = true }
            if !touched[Int(second[gate])] { flags[gate] |= 2; touched[Int(second[gate])] = true }
        }
        firstTouch = AlignedBuffer(flags)
        unreadInputs = (0..<inputCount).filter { !touched[$0] }.map(UInt32.init)
    }
}
