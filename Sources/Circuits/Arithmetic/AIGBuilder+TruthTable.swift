/// Logic for an arbitrary function given by its truth table.
extension AIGBuilder {
    /// The function whose value on the input assignment `m` is `table[m]`,
    /// where bit `i` of `m` is `inputs[i]` (so `table.count == 1 << inputs.count`).
    ///
    /// Built as a reduced ordered decision diagram, top variable
    /// `inputs.last`: equal sub-tables are built once (memoised on their
    /// contents) and a variable whose two cofactors agree is skipped, so the
    /// result is canonical for the table and the variable order, and the
    /// builder's structural hashing shares it with anything equal.
    public mutating func truthTable(_ table: [Bool], inputs: [Literal]) -> Literal {
        precondition(table.count == 1 << inputs.count, "a table over \(inputs.count) inputs has \(1 << inputs.count) entries, not \(table.count)")
        var memo = [[Bool]: Literal]()
        return decision(table[...], inputs[...], &memo)
    }

    private mutating func decision(
        _ table: ArraySlice<Bool>, _ inputs: ArraySlice<Literal>, _ memo: inout [[Bool]: Literal]
    ) -> Literal {
        if table.allSatisfy({ $0 }) { return .true }
        if !table.contains(true) { return .false }
        let key = Array(table)
        if let known = memo[key] { return known }
        // The last input splits the table into its low half (input 0) and high half (input 1).
        let half = table.count / 2
        let low = table[table.startIndex ..< table.startIndex + half]
        let high = table[table.startIndex + half ..< table.endIndex]
        let rest = inputs.dropLast()
        let result: Literal
        if low.elementsEqual(high) {
            result = decision(low, rest, &memo)
        } else {
            let whenLow = decision(low, rest, &memo), whenHigh = decision(high, rest, &memo)
            result = mux(inputs.last!, whenHigh, whenLow)
        }
        memo[key] = result
        return result
    }
}
