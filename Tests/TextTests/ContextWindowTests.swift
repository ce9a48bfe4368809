import Testing
import Text

@Suite struct ContextWindowTests {
    let text = Array("abcdefgh".utf8)

    @Test func contextIsOldestFirstWithTheMostRecentByteLast() {
        let window = ContextWindow(width: 3)
        #expect(window.context(at: 5, in: text) == Array("cde".utf8))
        #expect(window.context(at: 8, in: text) == Array("fgh".utf8)) // after the last byte: for generation
    }

    @Test func positionsBeforeTheTextStartArePadBytes() {
        let window = ContextWindow(width: 3)
        #expect(ContextWindow.padByte == 0)
        #expect(window.context(at: 0, in: text) == [0, 0, 0])
        #expect(window.context(at: 1, in: text) == [0, 0, UInt8(ascii: "a")])
        #expect(window.context(at: 2, in: text) == [0, UInt8(ascii: "a"), UInt8(ascii: "b")])
        #expect(ContextWindow(width: 10).context(at: 8, in: text) == [0, 0] + text)
    }

    @Test func batchExtractionMatchesSingleContexts() {
        let window = ContextWindow(width: 4)
        let positions = [7, 0, 3, 8, 1]
        var contexts = [UInt8](repeating: 0xEE, count: positions.count * window.width)
        text.withUnsafeBufferPointer { text in
            positions.withUnsafeBufferPointer { positions in
                contexts.withUnsafeMutableBufferPointer { window.fill($0, at: positions, in: text) }
            }
        }
        for (i, position) in positions.enumerated() {
            #expect(Array(contexts[(i * 4)..<(i * 4 + 4)]) == window.context(at: position, in: text))
        }
    }

    @Test func sequentialExtractionCoversEveryPositionOfARange() {
        let window = ContextWindow(width: 2)
        var seen: [Int] = []
        var contexts = [UInt8](repeating: 0xEE, count: 3 * window.width)
        for chunk in PositionChunks(2..<8, size: 3) {
            text.withUnsafeBufferPointer { text in
                contexts.withUnsafeMutableBufferPointer { window.fill($0, for: chunk, in: text) }
            }
            for (i, position) in chunk.enumerated() {
                #expect(Array(contexts[(i * 2)..<(i * 2 + 2)]) == window.context(at: position, in: text))
                seen.append(position)
            }
        }
        #expect(seen == Array(2..<8))
        #expect(PositionChunks(0..<7, size: 3).map { $0 } == [0..<3, 3..<6, 6..<7])
        #expect(PositionChunks(5..<5, size: 3).map { $0 }.isEmpty)
    }
}
