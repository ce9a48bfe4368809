/// An AIG literal in the AIGER convention: `2 · variable + complement`.
///
/// Variable 0 is the constant false, so `Literal.false` is 0 and
/// `Literal.true` is 1. Negation flips the lowest bit.
@frozen
public struct Literal: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The encoded value, `2 · variable + complement`.
    public var raw: UInt32

    @inlinable public init(raw: UInt32) { self.raw = raw }

    /// The literal of `variable`, complemented when `complemented` is true.
    @inlinable public init(variable: Int, complemented: Bool = false) {
        self.raw = UInt32(truncatingIfNeeded: variable) &<< 1 | (complemented ? 1 : 0)
    }

    public static let `false` = Literal(raw: 0)
    public static let `true` = Literal(raw: 1)

    /// The variable index (`raw / 2`).
    @inlinable public var variable: Int { Int(raw &>> 1) }
    /// Whether this literal is the complement of its variable.
    @inlinable public var isComplemented: Bool { raw & 1 != 0 }
    /// Whether this is one of the two constant literals.
    @inlinable public var isConstant: Bool { raw < 2 }
    /// The uncomplemented literal of the same variable.
    @inlinable public var regular: Literal { Literal(raw: raw & ~1) }

    /// The complement.
    @inlinable public static prefix func ! (x: Literal) -> Literal { Literal(raw: x.raw ^ 1) }

    /// `x` complemented when `condition` holds.
    @inlinable public func complemented(if condition: Bool) -> Literal {
        Literal(raw: raw ^ (condition ? 1 : 0))
    }

    @inlinable public static func < (a: Literal, b: Literal) -> Bool { a.raw < b.raw }

    public var description: String { String(raw) }
}
