import Interpret
import Testing

@Suite struct ContextConstraintTests {
    @Test func parsesBytesClassesNamesAndBits() throws {
        let c = try ContextConstraint.parse("ctx[-1]='q', ctx[-2] in [a-c0-1\\n], ctx[-3] not in printable && ctx[-4] != 0x20 and ctx[-1][5]=1",
                                            contextLength: 4)
        #expect(c.map(\.position) == [1, 2, 3, 4, 1])
        #expect(c[0].allowed.bytes == [UInt8(ascii: "q")])
        #expect(c[1].allowed.bytes == [0x0A, 0x30, 0x31, 0x61, 0x62, 0x63])
        #expect(c[2].allowed.count == 256 - 95 && !c[2].allowed.contains(0x41))
        #expect(c[3].allowed.count == 255 && !c[3].allowed.contains(0x20))
        #expect(c[4].allowed.count == 128 && c[4].allowed.contains(0x20) && !c[4].allowed.contains(0x41))
        #expect(try ContextConstraint.parse("ctx[-1] in [^a]", contextLength: 1)[0].allowed.count == 255)
        #expect(try ContextConstraint.parseByte("q") == 0x71)
        #expect(try ContextConstraint.parseByte("'\\n'") == 0x0A)
        #expect(try ContextConstraint.parseByte("0x7e") == 0x7E)
        #expect(try ContextConstraint.parseByte("200") == 200)
    }

    @Test(arguments: ["ctx[-9]='a'", "ctx[-0]='a'", "ctx[-1] = ", "ctx[-1] in [z-a]", "ctx[-1] in vowels", "ctx[-1]='a' ctx[-2]='b'",
                      "ctx[-1][8]=1", "ctx[-1] in [ab", "pos[-1]='a'", "ctx[-1]=300"])
    func rejectsWithAReason(text: String) {
        #expect(throws: ContextConstraint.ParseError.self) { try ContextConstraint.parse(text, contextLength: 4) }
    }

    @Test func describesSetsAsClasses() {
        #expect(ByteSet(Array("aeiou".utf8)).description == "[aeiou]")
        #expect(ByteSet(Array("abcd".utf8)).description == "[a-d]")
        #expect(ByteSet.all.description == "any")
    }
}
