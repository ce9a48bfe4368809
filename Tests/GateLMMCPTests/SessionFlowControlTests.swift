import GateLMSupport
import GateLMMCP
import Synchronization
import Testing

/// A provider whose calls wait until the test opens the gate, counting how many have started.
final class GatedTools: MCPToolProvider, Sendable {
    let started = Mutex(0)
    let gate = Mutex<[CheckedContinuation<Void, Never>]>([])
    var tools: [JSONValue] { [["name": "wait"]] }

    func call(name: String, arguments: JSONValue?) async -> Result<JSONValue, JSONRPCError> {
        started.withLock { $0 += 1 }
        await withCheckedContinuation { c in gate.withLock { $0.append(c) } }
        return .success(["content": [], "isError": false])
    }

    /// Lets every waiting call finish.
    func open() { for c in gate.withLock({ w in defer { w = [] }; return w }) { c.resume() } }
}

@Suite struct SessionFlowControlTests {
    func call(_ id: Int) -> [UInt8] { Array(#"{"jsonrpc":"2.0","id":\#(id),"method":"tools/call","params":{"name":"wait"}}"#.utf8) }

    @Test func callsBeyondTheQueueWaitAndCancelledOnesAreNotAnswered() async throws {
        let tools = GatedTools(), output = CollectingOutput()
        let session = MCPSession(server: .init(name: "t", version: "1", title: "t", instructions: ""), provider: tools, output: output,
                                 concurrentCalls: 1, maximumQueuedCalls: 2)
        await session.receive(Array(#"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18"}}"#.utf8))
        for id in 1...3 { await session.receive(call(id)) }   // one runs, two wait
        #expect(await session.owedAnswers == 3)
        let fourth = Mutex(false)
        let reader = Task { await session.receive(call(4)); fourth.withLock { $0 = true } }
        for _ in 0..<50 { await Task.yield() }
        let owedWhileFull = await session.owedAnswers
        #expect(fourth.withLock { $0 } == false && owedWhileFull == 3)
        // Cancel a queued call: its place goes to the fourth, and it is never answered.
        await session.receive(Array(#"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":3}}"#.utf8))
        await reader.value
        let owedAfterCancel = await session.owedAnswers
        #expect(fourth.withLock { $0 } == true && owedAfterCancel == 3)
        // Open the gate until every owed call has run.
        while await session.owedAnswers > 0 {
            tools.open()
            await Task.yield()
        }
        await session.drain()
        let ids = output.messages.compactMap { try? JSONParser.parse($0)["id"]?.intValue }
        #expect(ids.sorted() == [0, 1, 2, 4])
        #expect(tools.started.withLock { $0 } == 3)
    }
}
