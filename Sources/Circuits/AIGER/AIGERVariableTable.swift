/// For each variable of an ASCII file, which line defined it: `0` for none,
/// otherwise `1 +` its definition ordinal (inputs, then latches, then ANDs
/// in file order).
///
/// Dense storage when the header's `M` is in proportion to the file size;
/// a dictionary otherwise, so that a tiny file declaring a huge `M` cannot
/// make the reader allocate gigabytes.
struct AIGERVariableTable {
    private var dense: [UInt32]
    private var sparse: [UInt32: UInt32] = [:]
    private let isDense: Bool

    init(maxVariable: Int, fileSize: Int) {
        isDense = maxVariable < 4 * fileSize + 1024
        dense = isDense ? [UInt32](repeating: 0, count: maxVariable + 1) : []
    }

    subscript(variable: UInt32) -> UInt32 {
        get { isDense ? dense[Int(variable)] : sparse[variable, default: 0] }
        set {
            if isDense { dense[Int(variable)] = newValue } else { sparse[variable] = newValue }
        }
    }
}
