import Testing
import Circuits

/// Exhaustive checking of arithmetic circuits against integer arithmetic,
/// shared by the Arithmetic*Tests suites.
enum ExhaustiveCheck {
    /// Bit `i` of the pattern index across 64 consecutive patterns, for i < 6.
    private static let lowBitWords: [UInt64] = [
        0xAAAA_AAAA_AAAA_AAAA, 0xCCCC_CCCC_CCCC_CCCC, 0xF0F0_F0F0_F0F0_F0F0,
        0xFF00_FF00_FF00_FF00, 0xFFFF_0000_FFFF_0000, 0xFFFF_FFFF_0000_0000,
    ]

    /// Evaluates `aig` with the reference evaluator on every input pattern
    /// (input i = bit i of the pattern index), 64 patterns per call, and
    /// returns the first pattern whose packed outputs (output j = bit j) differ
    /// from `expected`, described; nil when all agree.
    static func firstMismatch(_ aig: AIG, expected: (UInt64) -> UInt64) -> String? {
        precondition(aig.inputCount <= 24 && aig.outputCount <= 64, "circuit too large for exhaustive checking")
        let total = UInt64(1) << aig.inputCount
        var base: UInt64 = 0
        while base < total {
            let inputs = (0..<aig.inputCount).map { i in
                i < 6 ? lowBitWords[i] : ((base >> UInt64(i)) & 1 != 0 ? ~0 : 0)
            }
            let outputs = aig.evaluate(inputs: inputs)
            for p in 0..<Swift.min(64, total - base) {
                var got: UInt64 = 0
                for (j, word) in outputs.enumerated() { got |= ((word >> p) & 1) << UInt64(j) }
                let want = expected(base + p)
                if got != want { return "pattern \(base + p): outputs \(got), expected \(want)" }
            }
            base += 64
        }
        return nil
    }

    /// Builds a circuit whose inputs are unsigned vectors of `inputWidths`
    /// (the first in the lowest pattern bits) and whose outputs are the bits
    /// of the vectors `build` returns, then checks every input combination
    /// against `reference`, which maps input values to output values.
    static func firstMismatch(
        inputWidths: [Int],
        build: (inout AIGBuilder, [BitVector]) -> [BitVector],
        reference: ([Int]) -> [Int]
    ) -> String? {
        var builder = AIGBuilder()
        let inputs = inputWidths.map { builder.addInputs($0) }
        let results = build(&builder, inputs)
        for bit in results.joined() { builder.addOutput(bit) }
        let outputWidths = results.map(\.count)
        return firstMismatch(builder.build()) { pattern in
            let want = reference(unpack(pattern, widths: inputWidths))
            precondition(want.count == outputWidths.count, "reference gives \(want.count) values for \(outputWidths.count) outputs")
            return pack(want, widths: outputWidths) ?? ~0 // a value too wide for its output never matches
        }
    }

    /// Consecutive unsigned fields of `word`, the first in the lowest bits.
    static func unpack(_ word: UInt64, widths: [Int]) -> [Int] {
        var offset = 0
        return widths.map { width in
            defer { offset += width }
            return Int((word >> UInt64(offset)) & ((1 << UInt64(width)) - 1))
        }
    }

    /// `values` concatenated, the first in the lowest bits; nil when one does not fit its width.
    static func pack(_ values: [Int], widths: [Int]) -> UInt64? {
        var word: UInt64 = 0, offset = 0
        for (value, width) in zip(values, widths) {
            guard value >= 0, value >> width == 0 else { return nil }
            word |= UInt64(value) << UInt64(offset)
            offset += width
        }
        return word
    }
}

@Suite struct ArithmeticBitVectorTests {
    @Test func constantsAreLeastSignificantBitFirst() {
        #expect(BitVector.constant(6, width: 4) == [.false, .true, .true, .false])
        #expect(BitVector.constant(13, width: 2) == [.true, .false])
        #expect(BitVector.constant(-1, width: 70).allSatisfy { $0 == .true })
        #expect(BitVector.constant(11, width: 5).constantValue == 11)
        #expect(BitVector.constant(0, width: 0).constantValue == 0)
    }

    @Test func constantValueIsNilForNonConstantBits() {
        var b = AIGBuilder()
        let x = b.addInput()
        #expect([Literal.true, x].constantValue == nil)
    }

    @Test func bitWidthRepresentingCountsSignificantBits() {
        #expect([0, 1, 2, 3, 4, 7, 8, 255, 256].map(BitVector.bitWidth(representing:)) == [0, 1, 2, 2, 3, 3, 4, 8, 9])
        #expect(BitVector.bitWidth(representing: Int.max) == 63)
    }

    @Test func zeroExtensionPadsButNeverTruncates() {
        let v: BitVector = [.true, .true]
        #expect(v.zeroExtended(to: 4) == [.true, .true, .false, .false])
        #expect(v.zeroExtended(to: 1) == v)
        #expect(v.bit(1) == .true && v.bit(5) == .false)
    }

    @Test func harnessDetectsAWrongCircuit() {
        // An adder that forgets the carry must be caught.
        let mismatch = ExhaustiveCheck.firstMismatch(inputWidths: [2, 2]) { b, v in
            [[b.xor(v[0][0], v[1][0]), b.xor(v[0][1], v[1][1])]]
        } reference: { x in [(x[0] + x[1]) & 3] }
        #expect(mismatch != nil)
        let packed = ExhaustiveCheck.pack([3, 1, 2], widths: [2, 1, 3])
        #expect(packed == 0b010_1_11)
        #expect(ExhaustiveCheck.unpack(0b010_1_11, widths: [2, 1, 3]) == [3, 1, 2])
        #expect(ExhaustiveCheck.pack([4], widths: [2]) == nil)
    }
}
