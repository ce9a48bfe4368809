import GateLMMCP
import Testing

@Suite struct LineFramerTests {
    func messages(_ events: [LineFramer.Event]) -> [String] {
        events.compactMap { if case .message(let m) = $0 { return String(decoding: m, as: UTF8.self) } else { return nil } }
    }

    @Test func messagesSplitAcrossChunksAndLineEndings() {
        var framer = LineFramer(maximumBytes: 100)
        var events = framer.push(Array("{\"a\":1}\r\n\n   \n{\"b\"".utf8))
        events += framer.push(Array(":2}\n{\"c\":3}".utf8))
        events += framer.finish()
        #expect(messages(events) == ["{\"a\":1}", "{\"b\":2}", "{\"c\":3}"])
    }

    @Test func byteByByteGivesTheSameMessages() {
        let text = Array("{\"x\":[1,2]}\n{\"y\":\"z\"}\r\n".utf8)
        var framer = LineFramer(maximumBytes: 100)
        var events = [LineFramer.Event]()
        for b in text { events += framer.push([b]) }
        #expect(messages(events) == ["{\"x\":[1,2]}", "{\"y\":\"z\"}"])
    }

    @Test func anOversizedMessageKeepsItsBeginningAndTheNextOneIsRead() {
        var framer = LineFramer(maximumBytes: 64)
        let long = "{\"id\":7,\"patch\":\"" + String(repeating: "x", count: 10_000) + "\"}"
        var events = framer.push(Array(long.prefix(5000).utf8))
        #expect(events.isEmpty)
        events += framer.push(Array((long.dropFirst(5000) + "\n{\"ok\":1}\n").utf8))
        #expect(events.count == 2)
        guard case .oversized(let prefix, let count) = events.first else { Issue.record("no oversized event"); return }
        #expect(count == long.utf8.count && prefix.count == LineFramer.keptPrefix && prefix.starts(with: Array("{\"id\":7,".utf8)))
        #expect(messages(events) == ["{\"ok\":1}"])
    }

    @Test func anOversizedMessageAtTheEndOfInput() {
        var framer = LineFramer(maximumBytes: 8)
        #expect(framer.push(Array("0123456789".utf8)).isEmpty)
        #expect(framer.finish() == [.oversized(prefix: Array("0123456789".utf8), byteCount: 10)])
    }
}
