/// A block of simulation lanes: `wordCount` 64-bit words, one bit per pattern.
///
/// The simulator's kernel is generic over this protocol and specialised for
/// each conforming type, so each width gets its own straight vector code
/// (with `-target-cpu native` on AVX-512: one `vpternlogq` per 512 lanes).
/// `SIMD32<UInt64>` is deliberately absent: it compiles to scalar code here,
/// about 100× slower.
protocol LaneBlock: Sendable {
    /// 64-bit words per block.
    static var wordCount: Int { get }
    /// Every word equal to `word`.
    init(broadcasting word: UInt64)
    static func & (a: Self, b: Self) -> Self
    static func ^ (a: Self, b: Self) -> Self
    /// All ones when `literal` is complemented (its low bit is set), zero
    /// otherwise; `table` points at `complementMaskTable`.
    static func complementMask(of literal: UInt32, table: UnsafeRawPointer) -> Self
}

extension LaneBlock {
    /// Negates the low bit and broadcasts it from a general-purpose register:
    /// the fastest form for 64-bit and 512-bit blocks here.
    @inline(__always)
    static func complementMask(of literal: UInt32, table: UnsafeRawPointer) -> Self {
        Self(broadcasting: 0 &- UInt64(truncatingIfNeeded: literal & 1))
    }
}

extension UInt64: LaneBlock {
    static var wordCount: Int { 1 }
    init(broadcasting word: UInt64) { self = word }
}

extension SIMD4: LaneBlock where Scalar == UInt64 {
    static var wordCount: Int { 4 }
    init(broadcasting word: UInt64) { self.init(repeating: word) }
    /// Broadcasts from a two-entry table in memory: measured 10–25 % faster
    /// than a register broadcast for 256-bit blocks (and slower for 512-bit).
    @inline(__always)
    static func complementMask(of literal: UInt32, table: UnsafeRawPointer) -> Self {
        Self(repeating: table.load(fromByteOffset: Int(truncatingIfNeeded: literal & 1) &<< 3, as: UInt64.self))
    }
}

extension SIMD8: LaneBlock where Scalar == UInt64 {
    static var wordCount: Int { 8 }
    init(broadcasting word: UInt64) { self.init(repeating: word) }
}

extension SIMD16: LaneBlock where Scalar == UInt64 {
    static var wordCount: Int { 16 }
    init(broadcasting word: UInt64) { self.init(repeating: word) }
}
