import Testing
import Circuits

@Suite struct ArithmeticAddersTests {
    /// Every polarity of the three inputs, as a bit mask.
    static let polarities = Array(0..<8)

    @Test(arguments: polarities)
    func fullAdderAddsForEveryPolarity(_ mask: Int) {
        let mismatch = ExhaustiveCheck.firstMismatch(inputWidths: [1, 1, 1]) { b, v in
            let bits = (0..<3).map { v[$0][0].complemented(if: mask >> $0 & 1 != 0) }
            let (sum, carry) = b.fullAdder(bits[0], bits[1], bits[2])
            return [[sum, carry]]
        } reference: { x in
            let total = (0..<3).reduce(0) { $0 + (x[$1] ^ (mask >> $1 & 1)) }
            return [total]
        }
        #expect(mismatch == nil)
    }

    @Test(arguments: polarities)
    func fullAdderUsesSevenAndsForEveryPolarity(_ mask: Int) {
        var b = AIGBuilder()
        let bits = (0..<3).map { b.addInput().complemented(if: mask >> $0 & 1 != 0) }
        _ = b.fullAdder(bits[0], bits[1], bits[2])
        #expect(b.andCount == 7)
    }

    @Test func fullAdderIgnoresArgumentOrder() {
        var b = AIGBuilder()
        let x = b.addInput(), y = b.addInput(), z = b.addInput()
        let reference = b.fullAdder(x, !y, z)
        let count = b.andCount
        for (p, q, r) in [(x, !y, z), (x, z, !y), (!y, x, z), (!y, z, x), (z, x, !y), (z, !y, x)] {
            let result = b.fullAdder(p, q, r)
            #expect(result.sum == reference.sum && result.carry == reference.carry)
        }
        #expect(b.andCount == count)
    }

    @Test func fullAdderFoldsConstantsAndRepeatedInputs() {
        var b = AIGBuilder()
        let x = b.addInput(), y = b.addInput()
        #expect(b.fullAdder(x, y, x) == (y, x))
        #expect(b.fullAdder(x, !x, y) == (!y, y))
        #expect(b.andCount == 0)
        let half = b.halfAdder(x, y)
        let count = b.andCount
        #expect(b.fullAdder(.false, y, x) == half)
        #expect(b.andCount == count)
        #expect(b.fullAdder(.true, .true, x) == (x, .true))
        let plusOne = b.fullAdder(x, .true, y)
        #expect(plusOne.sum == b.xnor(x, y) && plusOne.carry == b.or(x, y))
    }

    @Test func halfAdderAddsTwoBits() {
        let mismatch = ExhaustiveCheck.firstMismatch(inputWidths: [1, 1]) { b, v in
            let (sum, carry) = b.halfAdder(v[0][0], v[1][0])
            return [[sum, carry]]
        } reference: { x in [x[0] + x[1]] }
        #expect(mismatch == nil)
    }

    static let widthPairs = (1...5).flatMap { a in (1...5).map { b in [a, b] } }

    @Test(arguments: widthPairs)
    func rippleCarryAddsVectorsOfAnyWidths(_ widths: [Int]) {
        let mismatch = ExhaustiveCheck.firstMismatch(inputWidths: widths + [1]) { b, v in
            let plain = b.add(v[0], v[1])
            let withCarry = b.add(v[0], v[1], carryIn: v[2][0])
            #expect(plain.count == widths.max()! + 1 && withCarry.count == plain.count)
            return [plain, withCarry]
        } reference: { x in [x[0] + x[1], x[0] + x[1] + x[2]] }
        #expect(mismatch == nil)
    }

    @Test(arguments: 0...6)
    func incrementAddsOne(_ width: Int) {
        let mismatch = ExhaustiveCheck.firstMismatch(inputWidths: [width]) { b, v in
            let result = b.increment(v[0])
            #expect(result.count == width + 1)
            return [result]
        } reference: { x in [x[0] + 1] }
        #expect(mismatch == nil)
    }

    @Test func addingConstantsBuildsNoNodes() {
        var b = AIGBuilder()
        let sum = b.add(.constant(5, width: 3), .constant(6, width: 4), carryIn: .true)
        #expect(sum.constantValue == 12)
        #expect(b.andCount == 0)
    }
}
