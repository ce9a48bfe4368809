import Testing
import Circuits

@Suite struct QueriesLevelsTests {
    @Test func levelsOfAHandMadeCircuit() {
        var b = AIGBuilder()
        let x = b.addInput(), y = b.addInput()
        let state = b.addLatch()
        let a = b.and(x, y)          // level 1
        let c = b.and(a, !x)         // 2  (a different node from a ∧ x... still a real AND)
        let d = b.and(c, !state)     // 3
        let e = b.and(x, !y)         // 1
        b.setNext(of: state, to: d)
        b.addOutput(e)
        let aig = b.build()
        #expect(aig.levels() == [0, 0, 0, 0, 1, 2, 3, 1])
        #expect(aig.depth == 3)       // the latch's next state is the deepest root
        var outputsOnly = aig
        outputsOnly.latches[0].next = .false
        #expect(outputsOnly.depth == 1)
        #expect(AIG(inputCount: 3).depth == 0)
    }

    /// Longest paths by relaxation until nothing changes: no use of the topological order.
    static func longestPaths(_ aig: AIG) -> [Int32] {
        var level = [Int32](repeating: 0, count: aig.variableCount)
        var changed = true
        while changed {
            changed = false
            for v in stride(from: aig.firstAndVariable, to: aig.variableCount, by: 1) {
                let (a, b) = aig.fanins(ofVariable: v)
                let candidate = max(level[a.variable], level[b.variable]) + 1
                if candidate > level[v] { level[v] = candidate; changed = true }
            }
        }
        return level
    }

    @Test(arguments: 0..<8)
    func levelsAreLongestPathsOnRandomCircuits(seed: Int) {
        let aig = AIG.random(inputs: 8, ands: 300, latches: seed % 2 * 4, maxOutputs: 10, locality: 20, seed: UInt64(seed))
        let expected = Self.longestPaths(aig)
        #expect(aig.levels() == expected)
        #expect(aig.depth == Int(aig.rootLiterals.map { expected[$0.variable] }.max()!))
    }
}
