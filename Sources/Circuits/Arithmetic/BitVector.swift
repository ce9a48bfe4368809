/// An unsigned integer as AIG literals, least significant bit first.
///
/// The empty vector is the number 0. Vectors of different widths mix freely
/// in the arithmetic: missing high bits are constant false.
public typealias BitVector = [Literal]

extension Array where Element == Literal {
    /// The constant `value` in `width` bits; bits of `value` above `width` are dropped.
    public static func constant(_ value: Int, width: Int) -> BitVector {
        precondition(width >= 0, "negative width \(width)")
        return (0..<width).map { i in
            let bit = i < Int.bitWidth ? (value >> i) & 1 : (value < 0 ? 1 : 0)
            return bit == 1 ? .true : .false
        }
    }

    /// The number of bits needed to write `value` (≥ 0) in binary; 0 for 0.
    public static func bitWidth(representing value: Int) -> Int {
        precondition(value >= 0, "negative value \(value) has no unsigned width")
        return Int.bitWidth - value.leadingZeroBitCount
    }

    /// The vector padded with constant-false high bits to at least `width` bits.
    public func zeroExtended(to width: Int) -> BitVector {
        count >= width ? self : self + BitVector(repeating: .false, count: width - count)
    }

    /// The bit at `index`, constant false beyond the width.
    @inlinable public func bit(_ index: Int) -> Literal {
        index < count ? self[index] : .false
    }

    /// The value when every bit is constant and it fits in an `Int`, else nil.
    public var constantValue: Int? {
        var value = 0
        for (i, bit) in enumerated() {
            guard bit.isConstant else { return nil }
            if bit == .true {
                guard i < Int.bitWidth - 1 else { return nil }
                value |= 1 << i
            }
        }
        return value
    }
}
