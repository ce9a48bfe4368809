import GateLMSupport
import Learning
import Testing

@Suite struct GateWiringTests {
    @Test func shuffledFirstInputsCoverEveryInputEvenly() {
        for (inputs, gates) in [(64, 64), (50, 130), (80, 50), (2, 5)] {
            var random = SplitMix64(seed: 3)
            let (first, second) = GateWiring.shuffled(inputCount: inputs, gateCount: gates, using: &random)
            #expect(first.count == gates && second.count == gates)
            var uses = [Int](repeating: 0, count: inputs)
            for a in first { uses[Int(a)] += 1 }
            // Each input is a first input ⌊g/n⌋ or ⌈g/n⌉ times.
            #expect(uses.allSatisfy { $0 == gates / inputs || $0 == (gates + inputs - 1) / inputs })
            #expect(zip(first, second).allSatisfy { $0 != $1 && Int($1) < inputs })
        }
    }

    @Test func shuffledGroupsReadFromAllOverThePreviousLayer() {
        // The reason for shuffling: a block of 32 consecutive gates (one GroupSum
        // class) must not start as copies of 32 neighbouring units.
        var random = SplitMix64(seed: 9)
        let (first, _) = GateWiring.shuffled(inputCount: 4096, gateCount: 2080, using: &random)
        let spans = stride(from: 0, to: 2080, by: 32).map { start in
            let block = first[start ..< start + 32]
            return Int(block.max()! - block.min()!)
        }
        #expect(spans.allSatisfy { $0 > 2048 })
    }

    @Test func recencyWeightingGivesRecentPositionsMoreGates() {
        let positions = 8, units = 8, gates = 4096
        var random = SplitMix64(seed: 5)
        let (first, second) = GateWiring.recencyWeighted(positions: positions, unitsPerPosition: units,
                                                         gateCount: gates, using: &random)
        #expect(first.count == gates && second.count == gates)
        var perPosition = [Int](repeating: 0, count: positions)
        for a in first { perPosition[Int(a) / units] += 1 }
        // Shares in proportion to 1/d, d = 1 for the most recent (last) position.
        let total = (1...positions).reduce(0.0) { $0 + 1 / Double($1) }
        for p in 0..<positions {
            let expected = Double(gates) / Double(positions - p) / total
            #expect(abs(Double(perPosition[p]) - expected) <= 1)
        }
        #expect(perPosition == perPosition.sorted())
        // Every unit is used, no gate reads one unit twice, and about half the
        // second inputs stay at the first input's position.
        #expect(Set(first).count == positions * units)
        #expect(zip(first, second).allSatisfy { $0 != $1 && Int($1) < positions * units })
        let samePosition = zip(first, second).filter { $0 / UInt32(units) == $1 / UInt32(units) }.count
        #expect(samePosition > gates / 2 && samePosition < gates * 3 / 4)
    }

    @Test func wiringIsReproducibleFromTheSeed() {
        var a = SplitMix64(seed: 1), b = SplitMix64(seed: 1), c = SplitMix64(seed: 2)
        let x = GateWiring.recencyWeighted(positions: 4, unitsPerPosition: 6, gateCount: 100, using: &a)
        let y = GateWiring.recencyWeighted(positions: 4, unitsPerPosition: 6, gateCount: 100, using: &b)
        let z = GateWiring.recencyWeighted(positions: 4, unitsPerPosition: 6, gateCount: 100, using: &c)
        #expect(x.first == y.first && x.second == y.second)
        #expect(x.first != z.first || x.second != z.second)
    }
}
