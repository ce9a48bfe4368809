import Text

/// The counts behind a `CountROM`: for each table, how often each class followed the contexts
/// of each row in the training split. The ROM keeps only each row's top classes; training keeps
/// the counts too, to score a training position with its own occurrence left out (otherwise the
/// counts would already know every training target, and the mixer would learn to trust them
/// far more than they deserve on new text).
public struct CountStatistics: Sendable {
    public let hashes: [ContextHash]
    public let classCount: Int
    public let slots: Int
    /// `counts[t][row · classCount + class]`.
    public private(set) var counts: [[UInt32]]

    /// Counts every position of `positions` in `text` (contexts as `ContextWindow` of
    /// `contextLength` bytes forms them, so the start of the text is handled as everywhere else).
    public init(hashes: [ContextHash], slots: Int, vocabulary: ByteVocabulary, contextLength: Int,
                text: [UInt8], positions: Range<Int>) {
        precondition(slots >= 1 && hashes.allSatisfy { $0.order <= contextLength }, "count tables read at most W bytes")
        self.hashes = hashes
        self.classCount = vocabulary.count
        self.slots = slots
        counts = hashes.map { [UInt32](repeating: 0, count: (1 << $0.bits) * vocabulary.count) }
        let window = ContextWindow(width: contextLength), chunk = 4096
        var contexts = [UInt8](repeating: 0, count: chunk * contextLength)
        var rows = [UInt32](repeating: 0, count: chunk)
        let rowTables = hashes.map(\.rowTable)
        for span in PositionChunks(positions, size: chunk) {
            text.withUnsafeBufferPointer { text in contexts.withUnsafeMutableBufferPointer { window.fill($0, for: span, in: text) } }
            for (t, hash) in hashes.enumerated() {
                contexts.withUnsafeBufferPointer { contexts in
                    rowTables[t].withUnsafeBufferPointer { table in
                        rows.withUnsafeMutableBufferPointer { rows in
                            ContextHash.rows(of: contexts.baseAddress!, count: span.count, contextLength: contextLength,
                                             table: table.baseAddress!, order: hash.order, into: rows.baseAddress!)
                        }
                    }
                }
                for (i, position) in span.enumerated() {
                    guard let c = vocabulary.classIndex(of: text[position]) else { continue }
                    counts[t][Int(rows[i]) * classCount + c] += 1
                }
            }
        }
    }

    /// The ROM entries of `row` of table `t` (`slots` of them, most frequent first, ties to the
    /// lower class), counting one occurrence fewer of class `excluding` when given.
    @inlinable public func entries(table t: Int, row: Int, excluding: Int? = nil, into entries: UnsafeMutablePointer<UInt16>) {
        counts[t].withUnsafeBufferPointer { all in
            let counts = all.baseAddress! + row * classCount
            var total: UInt32 = 0
            for c in 0..<classCount { total += counts[c] }
            if let excluding, counts[excluding] > 0 { total -= 1 }
            // Selection of the top `slots` (at most 4) by repeated scans; `picked` holds the classes taken.
            var picked = SIMD4<Int32>(repeating: -1)
            for k in 0..<slots {
                var best = -1, bestCount: UInt32 = 0
                for c in 0..<classCount where !any(picked .== Int32(c)) {
                    let n = counts[c] - (c == excluding && counts[c] > 0 ? 1 : 0)
                    if n > bestCount { best = c; bestCount = n }
                }
                if best < 0 {
                    entries[k] = 0
                } else {
                    picked[k] = Int32(best)
                    entries[k] = CountTable.pack(classIndex: best, level: CountLevel.level(count: bestCount, total: total))
                }
            }
        }
    }

    /// The ROM tables: every row's entries from the full counts.
    public func tables() -> [CountTable] {
        hashes.enumerated().map { t, hash in
            var entries = [UInt16](repeating: 0, count: (1 << hash.bits) * slots)
            entries.withUnsafeMutableBufferPointer { entries in
                for row in 0..<(1 << hash.bits) { self.entries(table: t, row: row, into: entries.baseAddress! + row * slots) }
            }
            return CountTable(hash: hash, entries: entries)
        }
    }
}
