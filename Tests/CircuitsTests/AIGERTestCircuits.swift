import Circuits

/// Random circuits carrying everything an AIGER file can hold, for round-trip tests.
enum AIGERTestCircuits {
    /// A random sequential AIG with properties, some names (with spaces) and comments.
    static func decorated(seed: UInt64, inputs: Int = 6, ands: Int = 60, latches: Int = 4) -> AIG {
        var aig = AIG.random(inputs: inputs, ands: ands, latches: latches, maxOutputs: 5, seed: seed)
        var rng = SplitMix64(seed: seed ^ 0xA5A5)
        func literal() -> Literal { Literal(raw: UInt32(rng.next() % UInt64(2 * aig.variableCount))) }
        aig.bad = (0..<Int(rng.next() % 3)).map { _ in literal() }
        aig.constraints = (0..<Int(rng.next() % 3)).map { _ in literal() }
        aig.justice = (0..<Int(rng.next() % 3)).map { _ in (0...Int(rng.next() % 3)).map { _ in literal() } }
        aig.fairness = (0..<Int(rng.next() % 3)).map { _ in literal() }
        func names(_ count: Int, _ prefix: String) -> [String?] {
            // An all-nil list is stored as empty, as the reader does.
            let list: [String?] = count == 0 || rng.next() % 4 == 0
                ? [] : (0..<count).map { i in rng.next() % 3 == 0 ? nil : "\(prefix) \(i)<\(rng.next() % 100)>" }
            return list.allSatisfy { $0 == nil } ? [] : list
        }
        aig.names.inputs = names(aig.inputCount, "in")
        aig.names.latches = names(aig.latchCount, "state")
        aig.names.outputs = names(aig.outputCount, "out")
        aig.names.bad = names(aig.bad.count, "bad")
        aig.names.constraints = names(aig.constraints.count, "c")
        aig.names.justice = names(aig.justice.count, "j")
        aig.names.fairness = names(aig.fairness.count, "f")
        aig.comments = rng.next() % 3 == 0 ? [] : ["written by a test", "", "seed \(seed) — ünïcode"]
        return aig
    }
}
