import Circuits
@testable import Synthesis
import Testing

@Suite("NPN classes of 4-input functions")
struct NPNClassesTests {
    @Test func thereAre222ClassesWithSmallestRepresentatives() {
        let classes = NPNClasses4.shared
        #expect(classes.representatives.count == 222)
        for (index, representative) in classes.representatives.enumerated() {
            #expect(Int(classes.classIndex[Int(representative)]) == index)
        }
    }

    @Test func transformMapsRepresentativeOntoEveryFunction() {
        let classes = NPNClasses4.shared
        for g in stride(from: 0, to: 1 << 16, by: 7) {
            let representative = classes.representatives[Int(classes.classIndex[g])]
            #expect(classes.transform[g].apply(to: representative) == UInt16(g))
            #expect(representative <= UInt16(g))
        }
    }

    /// `apply` works on whole tables; this is its definition, one minterm at a time.
    @Test func transformApplyMatchesItsDefinition() {
        var rng = SplitMix64(seed: 11)
        for t in NPNTransform4.all {
            let c = UInt16(truncatingIfNeeded: rng.next())
            var expected: UInt16 = 0
            for x in 0..<16 {
                var y = 0
                for i in 0..<4 { y |= (x >> t.source(ofInput: i) & 1 ^ (t.inputNegated(i) ? 1 : 0)) << i }
                expected |= UInt16((Int(c) >> y & 1) ^ (t.outputNegated ? 1 : 0)) << x
            }
            #expect(t.apply(to: c) == expected, "transform \(t.packed) on \(c)")
        }
    }

    @Test func classIsInvariantUnderPermutationsAndNegations() {
        let classes = NPNClasses4.shared
        var rng = SplitMix64(seed: 5)
        for _ in 0..<300 {
            let f = UInt16(truncatingIfNeeded: rng.next())
            let t = NPNTransform4.all[Int(rng.next() % 768)]
            #expect(classes.classIndex[Int(t.apply(to: f))] == classes.classIndex[Int(f)])
        }
    }

    @Test func knownClassSizes() {
        let classes = NPNClasses4.shared
        // The constants form one class; the sixteen 4-input XOR/XNOR-like parity functions: XOR4 and XNOR4 form one of two members.
        #expect(classes.classIndex[0] == classes.classIndex[0xFFFF])
        #expect(classes.classIndex[0x6996] == classes.classIndex[0x9669])
        #expect(classes.classIndex[0x8000] == classes.classIndex[0x0001])
        #expect(classes.classIndex[0x8000] != classes.classIndex[0x6996])
    }
}
