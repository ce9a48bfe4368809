import Testing
import Circuits

@Suite struct QueriesFanoutTests {
    @Test func countsEveryKindOfReference() {
        var b = AIGBuilder()
        let x = b.addInput(), y = b.addInput()
        let state = b.addLatch()
        let a = b.and(x, y)
        let c = b.and(a, !state)
        b.setNext(of: state, to: a)
        b.addOutput(c)
        b.addOutput(!c)
        var aig = b.build()
        aig.bad = [a]
        aig.justice = [[x, !c]]
        // const 0; x: AND a, justice; y: AND a; state: AND c; a: AND c, latch next, bad; c: two outputs, justice.
        let expected: [Int32] = [0, 2, 1, 1, 3, 3]
        #expect(aig.fanoutCounts() == expected)
    }

    /// Counts literal occurrences in the ASCII AIGER text: latch next states,
    /// outputs, properties and AND fanins; not the definitions.
    static func occurrencesInText(_ aig: AIG) -> [Int32] {
        var count = [Int32](repeating: 0, count: aig.variableCount)
        let lines = String(decoding: aig.aigerBytes(format: .ascii), as: UTF8.self).split(separator: "\n")
        let fields = lines[0].split(separator: " ").dropFirst().map { Int($0)! }
        let (i, l, o, a) = (fields[1], fields[2], fields[3], fields[4])
        func use(_ text: Substring) { count[Int(text)! / 2] += 1 }
        for line in lines[(1 + i)..<(1 + i + l)] { use(line.split(separator: " ")[1]) }
        for line in lines[(1 + i + l)..<(1 + i + l + o)] { use(line) }
        for line in lines[(1 + i + l + o)..<(1 + i + l + o + a)] {
            let parts = line.split(separator: " ")
            use(parts[1]); use(parts[2])
        }
        return count
    }

    @Test(arguments: 0..<6)
    func matchesOccurrencesInTheWrittenFile(seed: Int) {
        let aig = AIG.random(inputs: 10, ands: 200, latches: seed % 3, maxOutputs: 12, seed: UInt64(seed))
        #expect(aig.fanoutCounts() == Self.occurrencesInText(aig))
    }
}
