/// The format of a `fortune` database file: entries separated by lines
/// holding a single `%`.
enum FortuneFile {
    /// The entries of a fortune file, each as its lines joined by "\n" with a
    /// final "\n"; separator lines are dropped, as are entries holding only
    /// white space.
    static func entries(in bytes: [UInt8]) -> [[UInt8]] {
        var entries: [[UInt8]] = []
        var current: [UInt8] = []
        func finishEntry() {
            if current.contains(where: { !isWhiteSpace($0) }) { entries.append(current) }
            current.removeAll(keepingCapacity: true)
        }
        for line in bytes.split(separator: newline, omittingEmptySubsequences: false) {
            if isSeparator(line) {
                finishEntry()
            } else {
                current.append(contentsOf: line)
                current.append(newline)
            }
        }
        // A file ends with "\n", which leaves one empty last "line": drop the
        // newline it appended.
        if bytes.last == newline, current.last == newline { current.removeLast() }
        finishEntry()
        return entries
    }

    private static let newline = UInt8(ascii: "\n")

    private static func isSeparator(_ line: ArraySlice<UInt8>) -> Bool {
        line.elementsEqual([UInt8(ascii: "%")]) || line.elementsEqual([UInt8(ascii: "%"), UInt8(ascii: "\r")])
    }

    private static func isWhiteSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }
}
