/// One of the 16 two-input boolean functions, numbered as in difflogic:
///
/// | # | f(a, b) | # | f(a, b) |
/// |---|---------|---|---------|
/// | 0 | false | 8 | ¬(a ∨ b) |
/// | 1 | a ∧ b | 9 | ¬(a ⊕ b) |
/// | 2 | a ∧ ¬b | 10 | ¬b |
/// | 3 | a | 11 | a ∨ ¬b |
/// | 4 | ¬a ∧ b | 12 | ¬a |
/// | 5 | b | 13 | ¬a ∨ b |
/// | 6 | a ⊕ b | 14 | ¬(a ∧ b) |
/// | 7 | a ∨ b | 15 | true |
public struct BooleanFunction2: Hashable, Sendable, CustomStringConvertible {
    /// The difflogic index, 0...15.
    public let index: UInt8

    public init(_ index: UInt8) {
        precondition(index < 16, "a two-input boolean function has an index in 0...15, not \(index)")
        self.index = index
    }

    /// The constant functions, 0 and 15.
    public static let constantFalse = BooleanFunction2(0)
    public static let constantTrue = BooleanFunction2(15)

    /// The truth table as 4 bits: bit `2·a + b` is f(a, b).
    public var truthTable: UInt8 { Self.truthTables[Int(index)] }

    /// f(a, b).
    public func value(_ a: Bool, _ b: Bool) -> Bool { truthTable >> ((a ? 2 : 0) + (b ? 1 : 0)) & 1 == 1 }

    public var description: String { Self.names[Int(index)] }

    static let names = ["false", "a∧b", "a∧¬b", "a", "¬a∧b", "b", "a⊕b", "a∨b",
                        "¬(a∨b)", "¬(a⊕b)", "¬b", "a∨¬b", "¬a", "¬a∨b", "¬(a∧b)", "true"]

    /// Truth tables (bit 2a+b) in difflogic order.
    static let truthTables: [UInt8] = [
        0b0000, 0b1000, 0b0100, 0b1100, 0b0010, 0b1010, 0b0110, 0b1110,
        0b0001, 0b1001, 0b0101, 0b1101, 0b0011, 0b1011, 0b0111, 0b1111,
    ]
}
