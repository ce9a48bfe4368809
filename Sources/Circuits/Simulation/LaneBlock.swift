/// A block of simulation lanes: `wordCount` 64-bit words, one bit per pattern.
///
/// The simulator's kernel is generic over this protocol and specialised for
/// each conforming type, so each width gets its own straight vector code.
/// Conformances forward to the concrete SIMD operators (not the generic
/// `SIMD` protocol extensions, which are per-lane loops before optimisation).
@usableFromInline
protocol LaneBlock {
    /// 64-bit words per block.
    static var wordCount: Int { get }
    /// Every word equal to `word`.
    init(broadcasting word: UInt64)
    static func & (a: Self, b: Self) -> Self
    static func ^ (a: Self, b: Self) -> Self
}

extension UInt64: LaneBlock {
    @inlinable static var wordCount: Int { 1 }
    @inlinable init(broadcasting word: UInt64) { self = word }
}

extension SIMD4: LaneBlock where Scalar == UInt64 {
    @inlinable static var wordCount: Int { 4 }
    @inlinable init(broadcasting word: UInt64) { self.init(repeating: word) }
}

extension SIMD8: LaneBlock where Scalar == UInt64 {
    @inlinable static var wordCount: Int { 8 }
    @inlinable init(broadcasting word: UInt64) { self.init(repeating: word) }
}

extension SIMD16: LaneBlock where Scalar == UInt64 {
    @inlinable static var wordCount: Int { 16 }
    @inlinable init(broadcasting word: UInt64) { self.init(repeating: word) }
}
