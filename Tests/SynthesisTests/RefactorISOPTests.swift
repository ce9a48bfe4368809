import Circuits
@testable import Synthesis
import Testing

@Suite("ISOP and factoring (refactoring's building blocks)")
struct RefactorISOPTests {
    /// The OR of the cubes as a table over `n ≤ 6` variables.
    static func table(of cubes: [Cube], variables n: Int) -> UInt64 {
        var result: UInt64 = 0
        for cube in cubes {
            var term = UInt64.max
            for v in 0..<n {
                if cube.positive >> v & 1 != 0 { term &= ISOP.variableMasks[v] }
                if cube.negative >> v & 1 != 0 { term &= ~ISOP.variableMasks[v] }
            }
            result |= term
        }
        return result
    }

    @Test func coverIsExactAndIrredundant() {
        let isop = ISOP(maxVariables: 6)
        var rng = SplitMix64(seed: 3)
        for _ in 0..<200 {
            let f = rng.next()
            isop.cover(of: f, variableCount: 6)
            #expect(Self.table(of: isop.cubes, variables: 6) == f)
            for i in isop.cubes.indices {
                var others = isop.cubes
                others.remove(at: i)
                #expect(Self.table(of: others, variables: 6) != f, "cube \(i) is redundant")
            }
        }
    }

    @Test func multiWordCoverMatchesTheFunction() {
        // A 9-variable function: (x0 ∧ x7) ∨ (¬x8 ∧ x3 ∧ ¬x1); 8 words.
        let n = 9, words = 8
        var truth = [UInt64](repeating: 0, count: words)
        for w in 0..<words {
            let x7: UInt64 = w >> 1 & 1 != 0 ? .max : 0, x8: UInt64 = w >> 2 & 1 != 0 ? .max : 0
            truth[w] = (ISOP.variableMasks[0] & x7) | (~x8 & ISOP.variableMasks[3] & ~ISOP.variableMasks[1])
        }
        let isop = ISOP(maxVariables: n)
        truth.withUnsafeBufferPointer { isop.cover(of: $0.baseAddress!, variableCount: n) }
        #expect(Set(isop.cubes) == [Cube(positive: 1 << 0 | 1 << 7), Cube(positive: 1 << 3, negative: 1 << 8 | 1 << 1)])
    }

    @Test func factoredFormComputesTheCover() {
        let isop = ISOP(maxVariables: 4)
        for f in stride(from: 0, to: 1 << 16, by: 97) {
            isop.cover(of: UInt64(f) * 0x0001_0001_0001_0001, variableCount: 4)
            var aig = SmallAIG(leafCount: 4)
            aig.output = SOPFactoring.build(isop.cubes, into: &aig)
            #expect(aig.truthTable4() == UInt16(f))
        }
    }
}
