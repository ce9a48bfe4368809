/// Per-slice partial sums of a gradient vector, reduced in slice order.
///
/// Each worker writes only the rows of its own slices, so there are no
/// races; `reduce` adds the rows in a fixed order so the total does not
/// depend on the number of threads.
final class SlicePartialSums {
    let length: Int
    private(set) var rows: AlignedBuffer<Float>
    private(set) var sliceCount: Int

    init(length: Int) {
        self.length = length
        sliceCount = 0
        rows = AlignedBuffer(count: 0)
    }

    /// Makes room for `sliceCount` rows (allocating only when it grows) and zeroes them.
    func prepare(sliceCount: Int) {
        if sliceCount * length > rows.count { rows = AlignedBuffer(count: sliceCount * length) }
        self.sliceCount = sliceCount
        UnsafeMutableRawPointer(rows.baseAddress)
            .initializeMemory(as: UInt8.self, repeating: 0, count: sliceCount * length * 4)
    }

    /// The row of slice `slice`.
    func row(_ slice: Int) -> UnsafeMutablePointer<Float> { rows.baseAddress + slice * length }

    /// Writes the sum of all rows, in slice order, to `destination`.
    func reduce(into destination: UnsafeMutablePointer<Float>) {
        let base = rows.baseAddress
        if sliceCount == 0 {
            destination.update(repeating: 0, count: length)
            return
        }
        destination.update(from: base, count: length)
        for slice in 1..<max(1, sliceCount) {
            let row = base + slice * length
            for i in 0..<length { destination[i] += row[i] }
        }
    }
}
