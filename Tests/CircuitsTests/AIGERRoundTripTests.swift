import Testing
import Circuits
import _TestSupport

@Suite struct AIGERRoundTripTests {
    @Test(arguments: 0..<40)
    func everyFormatReadsBackEqual(seed: Int) throws {
        let aig = AIGERTestCircuits.decorated(seed: UInt64(seed), latches: seed % 3 == 0 ? 0 : 5)
        try aig.validate()
        for format in AIGERFormat.allCases {
            let bytes = AIGERWriter.write(aig, format: format)
            let back = try AIGERReader.read(bytes: bytes)
            #expect(back == aig, "format \(format)")
            #expect(AIGERWriter.write(back, format: format) == bytes)
        }
    }

    @Test func asciiAndBinaryConvertBothWaysLosslessly() throws {
        for seed in 0..<10 as Range<UInt64> {
            let aig = AIGERTestCircuits.decorated(seed: seed, ands: 200)
            let ascii = aig.aigerBytes(format: .ascii)
            let binary = aig.aigerBytes(format: .binary)
            #expect(try AIG(aigerBytes: ascii).aigerBytes(format: .binary) == binary)
            #expect(try AIG(aigerBytes: binary).aigerBytes(format: .ascii) == ascii)
        }
    }

    @Test func writesTheDocumentedLayout() {
        var b = AIGBuilder()
        let x = b.addInput(name: "x"), y = b.addInput()
        let l = b.addLatch(reset: .uninitialized, name: "q")
        let a = b.and(x, !y)
        b.setNext(of: l, to: b.and(a, l))
        b.addOutput(!a, name: "out")
        b.comments = ["hello"]
        var aig = b.build()
        aig.bad = [Literal(raw: 7)]
        let ascii = String(decoding: aig.aigerBytes(format: .ascii), as: UTF8.self)
        #expect(ascii == """
            aag 5 2 1 1 2 1
            2
            4
            6 10 6
            9
            7
            8 5 2
            10 8 6
            i0 x
            l0 q
            o0 out
            c
            hello

            """)
        // Binary: inputs implicit, latch line without its literal, ANDs as deltas
        // (8 - 5 = 3, 5 - 2 = 3; 10 - 8 = 2, 8 - 6 = 2).
        let binary = aig.aigerBytes(format: .binary)
        let expected = Array("aig 5 2 1 1 2 1\n10 6\n9\n7\n".utf8) + [3, 3, 2, 2] + Array("i0 x\nl0 q\no0 out\nc\nhello\n".utf8)
        #expect(binary == expected)
    }

    @Test func largeDeltasUseSeveralBytes() throws {
        // An AND whose fanins are far apart needs multi-byte delta codes.
        var b = AIGBuilder()
        let inputs = b.addInputs(300, prefix: nil)
        b.addOutput(b.and(inputs[0], inputs[299]))
        let aig = b.build()
        let bytes = aig.aigerBytes(format: .binary)
        // lhs 602, rhs0 600 (delta 2), rhs1 2 (delta 598 = 4 * 128 + 86 -> 0x80 | 86, 4)
        #expect(bytes.suffix(3) == [2, 0x80 | 86, 4])
        #expect(try AIGERReader.read(bytes: bytes) == aig)
    }

    @Test func fileRoundTripIsAtomicAndLossless() throws {
        let aig = AIGERTestCircuits.decorated(seed: 99)
        let directory = try TemporaryDirectory()
        for format in AIGERFormat.allCases {
            let path = directory.file("c.\(format.fileExtension)")
            try aig.writeAIGER(toFile: path, format: format)
            #expect(try AIG(contentsOfAIGERFile: path) == aig)
        }
        #expect(throws: AIGERError.self) { try AIGERReader.read(path: directory.file("missing.aig")) }
        do {
            _ = try AIGERReader.read(path: directory.file("missing.aig"))
        } catch {
            #expect(error.description.contains("missing.aig") && error.description.contains("ENOENT"))
        }
    }
}
