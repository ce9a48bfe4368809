/// A growing byte buffer with the encodings AIGER needs: decimal numbers,
/// text, and 7-bit delta codes.
struct AIGERByteWriter {
    private(set) var bytes: [UInt8] = []

    init(expectedSize: Int) { bytes.reserveCapacity(expectedSize) }

    @inline(__always) mutating func byte(_ b: UInt8) { bytes.append(b) }

    mutating func text(_ s: String) { bytes.append(contentsOf: s.utf8) }

    /// Writes `value` in decimal.
    @inline(__always) mutating func decimal(_ value: UInt32) {
        if value < 10 {
            bytes.append(UInt8(ascii: "0") &+ UInt8(value))
            return
        }
        var digits = 1
        var limit: UInt64 = 10
        while UInt64(value) >= limit { digits += 1; limit &*= 10 }
        let end = bytes.count + digits
        bytes.append(contentsOf: repeatElement(0, count: digits))
        bytes.withUnsafeMutableBufferPointer { buffer in
            var v = value
            var i = end
            while i > end - digits {
                i -= 1
                buffer[i] = UInt8(ascii: "0") &+ UInt8(v % 10)
                v /= 10
            }
        }
    }

    /// Numbers separated by single spaces, then a line end.
    mutating func line(_ values: UInt32...) {
        for (i, v) in values.enumerated() {
            if i > 0 { byte(UInt8(ascii: " ")) }
            decimal(v)
        }
        byte(UInt8(ascii: "\n"))
    }

    /// Writes `value` 7 bits at a time, least significant first, with the high bit marking continuation.
    @inline(__always) mutating func delta(_ value: UInt32) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }
}
