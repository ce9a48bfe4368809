/// The count ROM's part of the discrete forward pass.
extension CountROM {
    /// Entries per context: `tables.count · slots`.
    public var entriesPerContext: Int { tables.count * slots }

    /// Each context's entries, `[sample · entriesPerContext + t · slots + k]`, for `count` contexts
    /// of `contextLength` bytes (oldest first); `rowTables` are the tables' `hash.rowTable`s. With
    /// `backOff`, the entries a higher order shadows are emptied (`shadowLowerOrders`).
    public static func entries(
        tables: [CountTable], slots: Int, backOff: Bool, contexts: UnsafePointer<UInt8>, count: Int, contextLength: Int,
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
        if backOff { shadowLowerOrders(orders: tables.map(\.hash.order), slots: slots, count: count, entries: entries) }
    }

    /// Back-off: empties each entry whose class a nonempty slot of a higher-order table also holds,
    /// in the entries of `count` contexts (`[sample · orders.count · slots + t · slots + k]`), so a
    /// class keeps only the vote of the highest order whose row holds it.
    public static func shadowLowerOrders(orders: [Int], slots: Int, count: Int, entries: UnsafeMutablePointer<UInt16>) {
        let perContext = orders.count * slots
        for sample in 0..<count {
            let row = entries + sample * perContext
            for t in orders.indices {
                for k in 0..<slots where row[t * slots + k] >> 8 != 0 {
                    let entryClass = row[t * slots + k] & 0xFF
                    var shadowed = false
                    for u in orders.indices where orders[u] > orders[t] {
                        for j in 0..<slots where row[u * slots + j] >> 8 != 0 && row[u * slots + j] & 0xFF == entryClass { shadowed = true }
                    }
                    if shadowed { row[t * slots + k] = 0 }
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
                    Self.entries(tables: tables, slots: slots, backOff: backOff, contexts: contexts.baseAddress!, count: count, contextLength: contextLength,
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
