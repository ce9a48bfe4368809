/// Generated random circuits, for tests and benchmarks.
extension AIG {
    /// A random structurally hashed AIG with exactly `ands` AND nodes.
    ///
    /// Each fanin is drawn, with random polarity, from the most recent
    /// `locality` variables three times out of four and from all earlier
    /// variables otherwise, which gives the mix of local and long wires of
    /// real netlists. Outputs are the nodes nothing else reads (capped at
    /// `maxOutputs`, the latest ones), so no node is dangling unless the cap
    /// cuts it off. With `latches > 0` the circuit is sequential: latches read
    /// random nodes as next state and have random reset values.
    public static func random(
        inputs: Int, ands: Int, latches: Int = 0, maxOutputs: Int = 64,
        locality: Int = 1024, seed: UInt64
    ) -> AIG {
        precondition(inputs + latches > 0, "a random circuit needs at least one input or latch")
        var rng = SplitMix64(seed: seed)
        var builder = AIGBuilder(expectedAnds: ands)
        var nodes = builder.addInputs(inputs, prefix: nil)
        let resets: [LatchReset] = [.zero, .one, .uninitialized]
        let latchLiterals = (0..<latches).map { _ in builder.addLatch(reset: resets[Int(rng.next() % 3)]) }
        nodes += latchLiterals
        var hasFanout = [Bool](repeating: false, count: nodes.count)
        func pick(_ rng: inout SplitMix64) -> Int {
            let n = nodes.count
            if rng.next() & 3 != 0 && n > locality { return n - 1 - Int(rng.next() % UInt64(locality)) }
            return Int(rng.next() % UInt64(n))
        }
        var attempts = 0
        while builder.andCount < ands {
            attempts += 1
            precondition(attempts < 100 * ands + 1000, "cannot create \(ands) distinct ANDs over \(inputs + latches) leaves")
            let i = pick(&rng), j = pick(&rng)
            if i == j { continue }
            let before = builder.andCount
            let a = nodes[i].complemented(if: rng.next() & 1 != 0)
            let b = nodes[j].complemented(if: rng.next() & 1 != 0)
            let r = builder.and(a, b)
            if builder.andCount == before { continue }
            hasFanout[i] = true
            hasFanout[j] = true
            nodes.append(r)
            hasFanout.append(false)
        }
        for latch in latchLiterals {
            let next = nodes[Int(rng.next() % UInt64(nodes.count))]
            builder.setNext(of: latch, to: next.complemented(if: rng.next() & 1 != 0))
        }
        let sinks = nodes.indices.filter { !hasFanout[$0] && $0 >= inputs + latches }
        for i in sinks.suffix(maxOutputs) { builder.addOutput(nodes[i].complemented(if: rng.next() & 1 != 0)) }
        if builder.outputCount == 0, let last = nodes.last { builder.addOutput(last) }
        return builder.build()
    }
}
