import Testing
import Circuits

@Suite struct QueriesDanglingNodesTests {
    @Test func removesExactlyTheUnreachableAnds() throws {
        var b = AIGBuilder()
        let x = b.addInput(name: "x"), y = b.addInput(name: "y")
        let state = b.addLatch(reset: .one, name: "s")
        let unused = b.and(x, !y)            // dangling
        _ = b.and(unused, state)             // dangling, reads a dangling node
        let kept = b.and(x, state)
        b.setNext(of: state, to: b.and(kept, !y))
        b.addOutput(!kept, name: "out")
        b.comments = ["note"]
        let aig = b.build()
        let trimmed = aig.removingDanglingNodes()
        try trimmed.validate()
        #expect(aig.andCount == 4 && trimmed.andCount == 2)
        #expect(trimmed.inputCount == 2 && trimmed.latches.map(\.reset) == [.one])
        #expect(trimmed.names == aig.names && trimmed.comments == ["note"])
        for m in 0..<8 {
            let inputs: [UInt64] = [m & 1 != 0 ? ~0 : 0, m & 2 != 0 ? ~0 : 0], latch: [UInt64] = [m & 4 != 0 ? ~0 : 0]
            let (o1, n1) = aig.step(inputs: inputs, latchValues: latch)
            let (o2, n2) = trimmed.step(inputs: inputs, latchValues: latch)
            #expect(o1 == o2 && n1 == n2)
        }
    }

    /// Reachable ANDs by a plain recursive walk from every root.
    static func reachableAndCount(_ aig: AIG) -> Int {
        var seen = Set<Int>()
        var stack = aig.rootLiterals.map(\.variable)
        while let v = stack.popLast() {
            guard v >= aig.firstAndVariable, seen.insert(v).inserted else { continue }
            let (a, b) = aig.fanins(ofVariable: v)
            stack.append(a.variable)
            stack.append(b.variable)
        }
        return seen.count
    }

    @Test(arguments: 0..<8)
    func keepsFunctionAndDropsUnreachableOnRandomCircuits(seed: Int) throws {
        // Few outputs leave many nodes dangling.
        var aig = AIG.random(inputs: 10, ands: 300, latches: seed % 2 * 3, maxOutputs: 3, locality: 30, seed: UInt64(seed))
        aig.bad = [aig.andLiteral(17)]
        let trimmed = aig.removingDanglingNodes()
        try trimmed.validate()
        let reachable = Self.reachableAndCount(aig)
        #expect(reachable < aig.andCount)
        #expect(trimmed.andCount == reachable)
        #expect(trimmed.removingDanglingNodes() == trimmed)
        var rng = SplitMix64(seed: UInt64(seed) + 100)
        for _ in 0..<4 {
            let inputs = (0..<aig.inputCount).map { _ in rng.next() }
            let state = (0..<aig.latchCount).map { _ in rng.next() }
            let values = aig.evaluateVariables(inputs: inputs, latchValues: state)
            let trimmedValues = trimmed.evaluateVariables(inputs: inputs, latchValues: state)
            #expect(aig.rootLiterals.map { AIG.value($0, in: values) } == trimmed.rootLiterals.map { AIG.value($0, in: trimmedValues) })
        }
    }
}
