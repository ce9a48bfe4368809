/// The 16 boolean functions of two inputs, numbered as in difflogic.
///
/// Every real-valued relaxation is affine in {1, a, b, a·b}:
/// f(a, b) = c0 + c1·a + c2·b + c3·a·b, with the coefficients below.
/// A discretised gate is stored as its raw value (0…15).
public enum GateFunction: UInt8, CaseIterable, Sendable {
    case alwaysFalse = 0, and, aAndNotB, a, notAAndB, b, xor, or
    case nor, xnor, notB, aOrNotB, notA, notAOrB, nand, alwaysTrue

    /// (c0, c1, c2, c3) of every function, indexed by raw value.
    public static let coefficientTable: [SIMD4<Float>] = [
        [0, 0, 0, 0], [0, 0, 0, 1], [0, 1, 0, -1], [0, 1, 0, 0],
        [0, 0, 1, -1], [0, 0, 1, 0], [0, 1, 1, -2], [0, 1, 1, -1],
        [1, -1, -1, 1], [1, -1, -1, 2], [1, 0, -1, 0], [1, 0, -1, 1],
        [1, -1, 0, 0], [1, -1, 0, 1], [1, 0, 0, -1], [1, 0, 0, 0],
    ]

    /// The pass-through function "a", which residual initialisation favours.
    public static let passThrough = GateFunction.a

    /// The relaxation's coefficients (c0, c1, c2, c3).
    public var coefficients: SIMD4<Float> { Self.coefficientTable[Int(rawValue)] }

    /// The function's value on real inputs in [0, 1] (exact on {0, 1}).
    public func relaxed(_ a: Float, _ b: Float) -> Float {
        let c = coefficients
        return c[0] + c[1] * a + c[2] * b + c[3] * a * b
    }

    /// The function on booleans.
    public func callAsFunction(_ a: Bool, _ b: Bool) -> Bool {
        truthTableBit(a, b)
    }

    /// The function on 64 pairs of bits at once.
    @inline(__always)
    public func apply(_ a: UInt64, _ b: UInt64) -> UInt64 {
        Self.apply(rawValue, a, b)
    }

    /// Function number `function` on 64 pairs of bits at once, branch-free:
    /// the algebraic normal form k0 ⊕ k1·a ⊕ k2·b ⊕ k3·a·b with all-ones/zero masks.
    @inline(__always)
    public static func apply(_ function: UInt8, _ a: UInt64, _ b: UInt64) -> UInt64 {
        let masks = algebraicNormalFormMasks(function)
        return masks.0 ^ (masks.1 & a) ^ (masks.2 & b) ^ (masks.3 & a & b)
    }

    /// The truth-table value f(a, b).
    private func truthTableBit(_ a: Bool, _ b: Bool) -> Bool {
        let c = coefficients
        return c[0] + c[1] * (a ? 1 : 0) + c[2] * (b ? 1 : 0) + c[3] * (a && b ? 1 : 0) > 0.5
    }

    /// The ANF coefficients of function `function` as 64-bit masks.
    @inline(__always)
    static func algebraicNormalFormMasks(_ function: UInt8) -> (UInt64, UInt64, UInt64, UInt64) {
        let bits = anfBits[Int(function & 15)]
        @inline(__always) func mask(_ bit: UInt8) -> UInt64 { 0 &- UInt64(bits >> bit & 1) }
        return (mask(0), mask(1), mask(2), mask(3))
    }

    /// ANF coefficients k0…k3 (bits 0…3) of every function, derived from its truth table.
    private static let anfBits: [UInt8] = GateFunction.allCases.map { f in
        let f00 = f.truthTableBit(false, false), f10 = f.truthTableBit(true, false)
        let f01 = f.truthTableBit(false, true), f11 = f.truthTableBit(true, true)
        let k0 = f00, k1 = f00 != f10, k2 = f00 != f01, k3 = (f00 != f10) != (f01 != f11)
        return (k0 ? 1 : 0) | (k1 ? 2 : 0) | (k2 ? 4 : 0) | (k3 ? 8 : 0)
    }
}
