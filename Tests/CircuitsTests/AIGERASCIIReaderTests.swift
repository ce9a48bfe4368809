import Testing
import Circuits

@Suite struct AIGERASCIIReaderTests {
    private func read(_ text: String) throws -> AIG { try AIGERReader.read(bytes: Array(text.utf8)) }

    @Test func renumbersFreeNumberingIntoCanonicalOrder() throws {
        // Inputs 18 and 4, latch 6, ANDs listed before their fanins, variables 1, 4, 5 unused.
        let aig = try read("""
            aag 9 2 1 1 3
            18
            4
            6 14 1
            15
            14 12 18
            12 4 7
            16 14 4
            i0 a
            l0 state

            """.replacingOccurrences(of: "\n\n", with: "\n"))
        try aig.validate()
        #expect(aig.inputCount == 2 && aig.latchCount == 1 && aig.andCount == 3)
        // 12 -> var 4, 14 -> var 5, 16 -> var 6 (fanins before their readers, then file order).
        #expect(aig.fanin0.map(\.raw) == [7, 8, 10])
        #expect(aig.fanin1.map(\.raw) == [4, 2, 4])
        #expect(aig.outputs == [Literal(raw: 11)])
        #expect(aig.latches == [Latch(next: Literal(raw: 10), reset: .one)])
        #expect(aig.names.inputs == ["a", nil] && aig.names.latches == ["state"])
        // out = ¬(a ∧ b ∧ ¬state)
        for m in 0..<8 {
            let a = m & 1 != 0, b = m & 2 != 0, state = m & 4 != 0
            let result = aig.step(inputs: [a ? ~0 : 0, b ? ~0 : 0], latchValues: [state ? ~0 : 0])
            #expect(result.outputs[0] & 1 == (a && b && !state ? 0 : 1))
        }
    }

    @Test func acceptsAHugeSparseMaximumVariable() throws {
        let aig = try read("aag 1000000000 2 0 1 1\n2000000000\n2\n1999999999\n1999999998 3 2000000000\n")
        // out = ¬(p ∧ ¬q) with p the input on the first line.
        #expect(aig.maxVariable == 3)
        #expect(aig.outputs == [Literal(raw: 7)])
        #expect(aig.evaluate([true, true]) == [true])
        #expect(aig.evaluate([true, false]) == [false])
        #expect(aig.evaluate([false, false]) == [true])
    }

    @Test func readsEmptyAndConstantCircuits() throws {
        #expect(try read("aag 0 0 0 0 0\n") == AIG(inputCount: 0))
        let constant = try read("aag 0 0 0 2 0\n0\n1\n")
        #expect(constant.outputs == [.false, .true])
        #expect(try AIGERReader.read(bytes: Array("aig 0 0 0 0 0\n".utf8)) == AIG(inputCount: 0))
    }
}

extension AIGERASCIIReaderTests {
    @Test func emptyJusticeSetsRoundTrip() throws {
        let aig = try AIGERReader.read(bytes: Array("aag 1 1 0 0 0 0 0 2\n2\n0\n1\n3\n".utf8))
        #expect(aig.justice == [[], [Literal(raw: 3)]])
        for format in AIGERFormat.allCases {
            #expect(try AIGERReader.read(bytes: aig.aigerBytes(format: format)) == aig)
        }
    }
}
