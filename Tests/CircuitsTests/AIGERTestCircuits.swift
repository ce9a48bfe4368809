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

extension AIGERTestCircuits {
    /// `aig` as an ASCII file with the variables randomly renumbered (leaving
    /// gaps: M is larger than needed) and the AND lines shuffled, as a
    /// hand-written or foreign `aag` file may be. Properties are left out.
    static func scrambledASCII(_ aig: AIG, seed: UInt64) -> [UInt8] {
        var rng = SplitMix64(seed: seed)
        let m = aig.maxVariable + aig.maxVariable / 4 + 1
        var numbers = Array(1...m)
        numbers.shuffle(using: &rng)
        let number = [0] + numbers   // variable v becomes number[v]
        func lit(_ l: Literal) -> String { String(2 * number[l.variable] + (l.isComplemented ? 1 : 0)) }
        var lines = ["aag \(m) \(aig.inputCount) \(aig.latchCount) \(aig.outputCount) \(aig.andCount)"]
        for i in 0..<aig.inputCount { lines.append(lit(aig.inputLiteral(i))) }
        for (j, latch) in aig.latches.enumerated() {
            let own = lit(aig.latchLiteral(j))
            let reset = latch.reset == .zero ? "" : latch.reset == .one ? " 1" : " \(own)"
            lines.append("\(own) \(lit(latch.next))\(reset)")
        }
        for o in aig.outputs { lines.append(lit(o)) }
        var ands = Array(0..<aig.andCount)
        ands.shuffle(using: &rng)
        for k in ands {
            // Also swap the fanins at random: ASCII does not order them.
            let (a, b) = rng.next() & 1 == 0 ? (aig.fanin0[k], aig.fanin1[k]) : (aig.fanin1[k], aig.fanin0[k])
            lines.append("\(lit(aig.andLiteral(k))) \(lit(a)) \(lit(b))")
        }
        for (i, name) in aig.names.inputs.enumerated() { if let name { lines.append("i\(i) \(name)") } }
        for (j, name) in aig.names.latches.enumerated() { if let name { lines.append("l\(j) \(name)") } }
        for (o, name) in aig.names.outputs.enumerated() { if let name { lines.append("o\(o) \(name)") } }
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }
}
