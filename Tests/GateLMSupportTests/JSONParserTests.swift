import GateLMSupport
import Testing

@Suite struct JSONParserTests {
    func parse(_ text: String) throws -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

    @Test func valuesOfEveryKind() throws {
        #expect(try parse(#" {"a":[1,-2,3.5,1e3,true,false,null,"x\n\u00e9\ud83d\ude00"],"b":{}} "#)
                == ["a": [1, -2, 3.5, 1000.0, true, false, nil, "x\né😀"], "b": [:]])
        #expect(try parse("0") == 0 && parse("-0.0") == .double(-0.0) && parse("[]") == [])
        #expect(try parse("9223372036854775807") == .int(Int.max))
        #expect(try parse("9223372036854775808") == .double(9223372036854775808))
    }

    @Test(arguments: ["", " ", "[1,]", "{\"a\":1,}", "01", "1.", ".5", "-", "1e", "+1", "tru", "nul", "[1 2]", "{\"a\" 1}", "{a:1}",
                      "\"\\x\"", "\"\\u12\"", "\"a\tb\"", "[1]x", "1e400", "{\"k\":1,\"k\":2}", "\"unterminated", "'single'", "NaN", "Infinity"])
    func malformedTextsAreRefused(text: String) {
        #expect(throws: JSONParseError.self) { try parse(text) }
    }

    @Test func invalidUTF8IsRefused() {
        #expect(throws: JSONParseError.self) { try JSONParser.parse([0x22, 0xFF, 0x22]) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse([0x22, 0xED, 0xA0, 0x80, 0x22]) }   // an encoded surrogate
    }

    @Test func loneSurrogateEscapesBecomeTheReplacementCharacter() throws {
        #expect(try parse(#""\ud800""#) == "\u{FFFD}")
        #expect(try parse(#""\udc00x""#) == "\u{FFFD}x")
        #expect(try parse(#""\ud800\u0041""#) == "\u{FFFD}A")
    }

    @Test func nestingIsBounded() throws {
        let ok = String(repeating: "[", count: JSONParser.maximumDepth) + String(repeating: "]", count: JSONParser.maximumDepth)
        #expect(try parse(ok).arrayValue != nil)
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try parse(deep) }
    }

    @Test func errorsSayWhere() {
        #expect(throws: JSONParseError(offset: 5, message: "unexpected '}' in an array, expected ',' or ']'")) { try parse("[1, 2}") }
    }

    @Test func writerOutputReadsBackEqual() throws {
        let value: JSONValue = ["z": "quote \" backslash \\ nl \n tab \t nul \u{0} del \u{7F} é 😀 \u{2028}", "a": [1.5, -3, 1e-7, 1e300, [:], []], "m": nil]
        let text = JSONWriter.bytes(value)
        #expect(!text.contains(0x0A))
        #expect(try JSONParser.parse(text) == value)
        #expect(JSONWriter.string(["b": 1, "a": 2]) == #"{"a":2,"b":1}"#)
    }

    @Test func aLongStringIsReadInOnePass() throws {
        let payload = String(repeating: "abcdefgh", count: 1 << 18)   // 2 MiB
        let value = try parse("{\"patch\":\"" + payload + "\\n\"}")
        #expect(value["patch"]?.stringValue?.utf8.count == payload.utf8.count + 1)
    }

    @Test func theIDOfATruncatedObject() {
        #expect(JSONParser.member("id", ofTruncatedObject: Array(#"{"jsonrpc":"2.0","id":42,"method":"tools/ca"#.utf8)) == 42)
        #expect(JSONParser.member("id", ofTruncatedObject: Array(#" {"id" : "abc", "x"#.utf8)) == "abc")
        #expect(JSONParser.member("id", ofTruncatedObject: Array(#"{"jsonrpc":"2.0","params":{"a":"long"#.utf8)) == nil)
        #expect(JSONParser.member("id", ofTruncatedObject: Array(#"[{"id":1}]"#.utf8)) == nil)
        #expect(JSONParser.member("id", ofTruncatedObject: Array(#"{"id":12"#.utf8)) == nil)   // the number may go on
    }
}
