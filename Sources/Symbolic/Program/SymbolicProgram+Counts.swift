/// Item counts, for summaries and size reports.
extension SymbolicProgram {
    /// How many of each kind of item the layers hold.
    public var counts: (rules: Int, heads: Int, shifts: Int) {
        var c = (rules: 0, heads: 0, shifts: 0)
        for layer in layers {
            for case .statement(let s, _) in layer.items {
                switch s {
                case .rule: c.rules += 1
                case .head: c.heads += 1
                case .shift: c.shifts += 1
                }
            }
        }
        return c
    }
}
