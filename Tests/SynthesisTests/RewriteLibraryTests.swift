@testable import Synthesis
import Testing

@Suite("Rewriting library")
struct RewriteLibraryTests {
    @Test func everyFunctionHasAStructureComputingIt() {
        let classes = NPNClasses4.shared, library = RewriteLibrary.shared
        for g in 0..<(1 << 16) {
            let c = Int(classes.classIndex[g]), t = classes.transform[g]
            var leaves = [UInt16](repeating: 0, count: 4)
            for i in 0..<4 {
                leaves[i] = TruthTable4.variable(t.source(ofInput: i)) ^ (t.inputNegated(i) ? 0xFFFF : 0)
            }
            for structure in library.structures[c] {
            let value = structure.truthTable4(leaves: leaves) ^ (t.outputNegated ? 0xFFFF : 0)
            if value != UInt16(g) { Issue.record("function \(g) gets \(value)"); return }
            }
        }
    }

    @Test func xorStructuresHaveTheKnownSizes() {
        let classes = NPNClasses4.shared, library = RewriteLibrary.shared
        func size(_ f: UInt16) -> Int { library.structures[Int(classes.classIndex[Int(f)])][0].nodeCount }
        #expect(size(0x6666) == 3)   // x0 ⊕ x1
        #expect(size(0x9696) == 6)   // x0 ⊕ x1 ⊕ x2
        #expect(size(0x6996) == 9)   // x0 ⊕ x1 ⊕ x2 ⊕ x3
        #expect(size(0x8000) == 3)   // AND4
        #expect(size(0xCACA) == 3)   // MUX
    }

    @Test func noStructureIsLargerThanTwelveAnds() {
        let sizes = RewriteLibrary.shared.structures.map { $0[0].nodeCount }
        #expect(sizes.max()! <= 12)
        print("library sizes histogram:", Dictionary(grouping: sizes, by: { $0 }).mapValues(\.count).sorted { $0.key < $1.key })
    }
}
