/// The text form: one line per pattern, one `0`/`1` character per signal.
extension PatternSet {
    /// Parses one pattern per line, characters `0`/`1` in signal order.
    ///
    /// Lines may end with `\n` or `\r\n`; a final newline is optional.
    /// - Throws: `PatternError` naming the line with a wrong length or a bad character.
    public init(parsing text: String, signalCount: Int) throws(PatternError) {
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        self.init(signalCount: signalCount, patternCount: lines.count)
        for (pattern, rawLine) in lines.enumerated() {
            let line = rawLine.last == UInt8(ascii: "\r") ? rawLine.dropLast() : rawLine
            let number = pattern + 1
            guard line.count == signalCount else {
                throw PatternError(line: number, message: "expected \(signalCount) characters, found \(line.count)")
            }
            for (signal, character) in line.enumerated() {
                switch character {
                case UInt8(ascii: "0"): break
                case UInt8(ascii: "1"): self[signal, pattern] = true
                default:
                    let shown = String(decoding: [character], as: UTF8.self)
                    throw PatternError(
                        line: number,
                        message: "column \(signal + 1): unexpected character \"\(shown)\" (expected 0 or 1)")
                }
            }
        }
    }

    /// One line per pattern, `0`/`1` per signal, each line ending with `\n`.
    public func formatted() -> String {
        let lineLength = signalCount + 1
        let bytes = [UInt8](unsafeUninitializedCapacity: patternCount * lineLength) { buffer, count in
            for pattern in 0..<patternCount {
                let start = pattern * lineLength
                for signal in 0..<signalCount {
                    buffer[start + signal] = self[signal, pattern] ? UInt8(ascii: "1") : UInt8(ascii: "0")
                }
                buffer[start + signalCount] = UInt8(ascii: "\n")
            }
            count = patternCount * lineLength
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
