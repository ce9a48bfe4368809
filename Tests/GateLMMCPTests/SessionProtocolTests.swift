import GateLMSupport
import GateLMMCP
import Testing

/// The protocol layer against wrong and hostile messages: every request answered once, under
/// its id or (when none can be read) id null, with JSON-RPC's codes, and the session still
/// serving the next message. Each case failed with the MCP SDK's server this replaced.
@Suite struct SessionProtocolTests {
    static let initialize = #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#

    /// After each bad message the session must still answer a good one.
    func stillServing(_ c: TestClient) async throws {
        let ping = try await c.request("ping")
        #expect(ping["result"] == [:])
    }

    @Test(arguments: [
        (#"{"jsonrpc":"2.0","id":1.5,"method":"ping"}"#, "the number 1.5"),
        (#"{"jsonrpc":"2.0","id":true,"method":"ping"}"#, "the boolean true"),
        (#"{"jsonrpc":"2.0","id":{"a":1},"method":"ping"}"#, "an object"),
        (#"{"jsonrpc":"2.0","id":1267650600228229401496703205376,"method":"ping"}"#, "the number"),
        (#"{"jsonrpc":"2.0","id":null,"method":"ping"}"#, "must not be null"),
    ])
    func idsThatAreNotStringsOrIntegersAreRefusedUnderIDNull(line: String, said: String) async throws {
        let c = try await MCPFixtures.client(role: .reader)
        let answer = await c.send(raw: line, answerID: "null")
        #expect(answer["id"] == .null && answer["error"]?["code"] == -32600, "\(JSONWriter.string(answer))")
        #expect(answer["error"]?["message"]?.stringValue?.contains(said) == true, "\(JSONWriter.string(answer))")
        #expect(await c.session.owedAnswers == 0)
        try await stillServing(c)
    }

    @Test func parseErrorsAreAnsweredUnderIDNull() async throws {
        let c = try await MCPFixtures.client(role: .reader)
        for line in [#"{"jsonrpc":"2.0","id":7,"method":"#, "not json", #"{"jsonrpc":"2.0","id":7,"method":"ping",}"#, "\u{FF}\u{FE}"] {
            let answer = await c.send(raw: line, answerID: "null")
            #expect(answer["error"]?["code"] == -32700 && answer["id"] == .null, "\(line): \(JSONWriter.string(answer))")
        }
        try await stillServing(c)
    }

    @Test func aLoneSurrogateIsReadAsTheReplacementCharacter() async throws {
        let c = try await MCPFixtures.client(role: .reader)
        let answer = await c.send(raw: #"{"jsonrpc":"2.0","id":"\ud800","method":"ping"}"#, answerID: "\"\u{FFFD}\"")
        #expect(answer["result"] == [:] && answer["id"] == "\u{FFFD}")
        let call = await c.send(raw: #"{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"trace","arguments":{"text":"th\udc00e"}}}"#, answerID: "9")
        #expect(call["result"]?["isError"] == false, "\(JSONWriter.string(call))")
    }

    @Test func requestsBeforeInitializeAreRefusedButPingIsServed() async throws {
        let c = try await MCPFixtures.uninitializedClient(role: .reader)
        let call = try await c.request("tools/call", ["name": "history"])
        #expect(call["error"]?["code"] == -32002 && call["error"]?["message"]?.stringValue?.contains("initialize") == true)
        let list = try await c.request("tools/list")
        #expect(list["error"]?["code"] == -32002)
        try await stillServing(c)
        let initialize = await c.send(raw: Self.initialize, answerID: "1")
        #expect(initialize["result"]?["serverInfo"]?["name"] == "gatelm-mcp" && initialize["result"]?["capabilities"]?["tools"] != nil)
        let again = await c.send(raw: Self.initialize, answerID: "1")
        #expect(again["error"]?["code"] == -32600)
        #expect(try await c.call("history").isError == false)
    }

    @Test func protocolVersionIsNegotiated() async throws {
        let c = try await MCPFixtures.uninitializedClient(role: .reader)
        let future = try await c.request("initialize", ["protocolVersion": "2099-01-01", "capabilities": [:]])
        #expect(future["result"]?["protocolVersion"]?.stringValue == MCPSession.protocolVersions[0])
        let d = try await MCPFixtures.uninitializedClient(role: .reader)
        let noVersion = try await d.request("initialize", ["capabilities": [:]])
        #expect(noVersion["error"]?["code"] == -32602)
    }

    @Test func invalidParamsAreMinus32602() async throws {
        let c = try await MCPFixtures.client(role: .reader)
        for params: JSONValue in [["arguments": [:]], ["name": 5], ["name": "history", "arguments": [1, 2]], ["name": "history", "arguments": "x"]] {
            let answer = try await c.request("tools/call", params)
            #expect(answer["error"]?["code"] == -32602, "\(JSONWriter.string(params)): \(JSONWriter.string(answer))")
        }
        let positional = await c.send(raw: #"{"jsonrpc":"2.0","id":"p","method":"tools/list","params":[1]}"#, answerID: "\"p\"")
        #expect(positional["error"]?["code"] == -32602)
        let unknown = try await c.request("resources/list")
        #expect(unknown["error"]?["code"] == -32601)
        try await stillServing(c)
    }

    @Test func batchesAndNonObjectsAreInvalidRequests() async throws {
        let c = try await MCPFixtures.client(role: .reader)
        for line in [#"[{"jsonrpc":"2.0","id":3,"method":"ping"}]"#, "[]", "5", #""ping""#, #"{"id":4,"method":"ping"}"#] {
            let id = line.contains("\"id\":4") ? "4" : "null"
            let answer = await c.send(raw: line, answerID: id)
            #expect(answer["error"]?["code"] == -32600, "\(line): \(JSONWriter.string(answer))")
        }
        try await stillServing(c)
    }

    @Test func notificationsAndResponsesGetNoAnswer() async throws {
        let c = try await MCPFixtures.client(role: .reader)
        let before = c.output.messages.count
        await c.session.receive(Array(#"{"jsonrpc":"2.0","method":"notifications/whatever","params":{}}"#.utf8))
        await c.session.receive(Array(#"{"jsonrpc":"2.0","id":5,"result":{}}"#.utf8))
        await c.session.receive(Array(#"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":12345}}"#.utf8))
        try await stillServing(c)
        #expect(c.output.messages.count == before + 1)
    }

    @Test func anOversizedMessageIsAnsweredUnderTheIDItBeganWith() async throws {
        let c = try await MCPFixtures.client(role: .reader)
        let prefix = Array(#"{"jsonrpc":"2.0","id":"big","method":"tools/call","params":{"name":"try_patch","arguments":{"patch":"xxxx"#.utf8)
        await c.session.receiveOversized(prefix: prefix, byteCount: 10_000_000, limit: 8 << 20)
        let answer = await c.output.answer(id: "\"big\"")
        #expect(answer["error"]?["code"] == -32600 && answer["error"]?["message"]?.stringValue?.contains("8388608") == true)
        await c.session.receiveOversized(prefix: Array("[[[[".utf8), byteCount: 10_000_000, limit: 8 << 20)
        #expect(await c.output.answer(id: "null")["error"]?["code"] == -32600)
        try await stillServing(c)
    }

    @Test func everyAnswerOfManyConcurrentCallsArrivesOnceUnderItsID() async throws {
        let c = try await MCPFixtures.client(role: .reader)
        let answers = try await withThrowingTaskGroup(of: ToolOutcome.self) { group in
            for k in 0..<24 { group.addTask { try await c.call(k % 2 == 0 ? "evaluate" : "history", k % 2 == 0 ? ["split": "dev"] : [:]) } }
            return try await group.reduce(into: [ToolOutcome]()) { $0.append($1) }
        }
        #expect(answers.count == 24 && answers.allSatisfy { !$0.isError })
        #expect(await c.session.owedAnswers == 0)
    }
}
