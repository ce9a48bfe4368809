/// The count ROM's part of the discrete forward pass.
extension CountROM {
    /// Entries per context: `tables.count · slots`.
    public var entriesPerContext: Int { tables.count * slots }

    /// Each context's entries, `[sample · entriesPerContext + t · slots + k]`, for `count` contexts
    /// of `contextLength` bytes (oldest first); `rowTables` are the tables' `hash.rowTable`s.
    public static func entries(
        tables: [CountTable], slots: Int, contexts: UnsafePointer<UInt8>, count: Int, contextLength: Int,
        rowTables: [[UInt32]], rows: UnsafeMutablePointer<UInt32>, into entries: UnsafeMutablePointer<UInt16>
    ) {
        let perContext = tables.count * slots
        for (t, table) in tables.enumerated() {
            rowTables[t].withUnsafeBufferPointer { rowTable in
                ContextHash.rows(of: contexts, count: count, contextLength: contextLength, table: rowTable.baseAddress!,
                                 order: table.hash.order, into: rows)
            }
            table.entries.withUnsafeBufferPointer { stored in
                for sample in 0..<count {
                    for k in 0..<slots { entries[sample * perContext + t * slots + k] = stored[Int(rows[sample]) * slots + k] }
                }
            }
        }
    }

    /// Adds the ROM's votes to integer scores `[sample · classCount + class]` of `count` contexts.
    public func addScores(contexts: [UInt8], count: Int, contextLength: Int, classCount: Int, to scores: inout [Int32]) {
        precondition(contexts.count == count * contextLength && scores.count == count * classCount, "one context per score row")
        var rows = [UInt32](repeating: 0, count: count)
        var entries = [UInt16](repeating: 0, count: count * entriesPerContext)
        contexts.withUnsafeBufferPointer { contexts in
            rows.withUnsafeMutableBufferPointer { rows in
                entries.withUnsafeMutableBufferPointer { entries in
                    Self.entries(tables: tables, slots: slots, contexts: contexts.baseAddress!, count: count, contextLength: contextLength,
                                 rowTables: tables.map(\.hash.rowTable), rows: rows.baseAddress!, into: entries.baseAddress!)
                }
            }
        }
        let perContext = entriesPerContext
        for sample in 0..<count {
            for j in 0..<perContext {
                let (c, level) = CountTable.unpack(entries[sample * perContext + j])
                scores[sample * classCount + c] += Int32(weights[j * CountLevel.count + level])
            }
        }
    }
}
