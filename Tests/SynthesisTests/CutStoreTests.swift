import Circuits
@testable import Synthesis
import Testing

@Suite("4-feasible cuts")
struct CutStoreTests {
    /// The function of `v` over the cut's leaves, by recursive evaluation of its cone.
    static func coneFunction(_ v: Int, leaves: [Int], in graph: EditableAIG) -> UInt16 {
        if let i = leaves.firstIndex(of: v) { return TruthTable4.variable(i) }
        precondition(graph.isAnd(v), "the cone escapes its cut at \(v)")
        let a = graph.resolvedFanin0(v), b = graph.resolvedFanin1(v)
        let ta = coneFunction(Int(a >> 1), leaves: leaves, in: graph) ^ (a & 1 != 0 ? 0xFFFF : 0)
        let tb = coneFunction(Int(b >> 1), leaves: leaves, in: graph) ^ (b & 1 != 0 ? 0xFFFF : 0)
        return ta & tb
    }

    @Test(arguments: [4, 8, 12])
    func everyCutIsSortedSmallAndHasTheConesTruthTable(cutsPerNode: Int) {
        let aig = AIG.random(inputs: 10, ands: 600, maxOutputs: 8, seed: 21).structurallyHashed()
        let graph = EditableAIG(aig)
        var cuts = CutStore(cutsPerNode: cutsPerNode)
        for v in graph.firstAnd..<graph.nodeCount where graph.isCurrent(v) {
            cuts.compute(v, in: graph)
            let count = Int(cuts.counts[v])
            #expect(count >= 2 && count <= cutsPerNode)
            #expect(cuts.sizes[cuts.slot(v, 0)] == 1 && cuts.leaf(v, 0, 0) == UInt32(v), "trivial cut first")
            for i in 1..<count {
                let size = Int(cuts.sizes[cuts.slot(v, i)])
                let leaves = (0..<size).map { Int(cuts.leaf(v, i, $0)) }
                #expect(size >= 1 && size <= 4)
                #expect(leaves == leaves.sorted() && Set(leaves).count == size)
                #expect(cuts.truths[cuts.slot(v, i)] == Self.coneFunction(v, leaves: leaves, in: graph), "node \(v) cut \(i)")
            }
        }
    }

    @Test func noKeptCutDominatesAnother() {
        let aig = AIG.random(inputs: 8, ands: 300, maxOutputs: 4, seed: 5).structurallyHashed()
        let graph = EditableAIG(aig)
        var cuts = CutStore(cutsPerNode: 10)
        for v in graph.firstAnd..<graph.nodeCount where graph.isCurrent(v) {
            cuts.compute(v, in: graph)
            let sets = (1..<Int(cuts.counts[v])).map { i in
                Set((0..<Int(cuts.sizes[cuts.slot(v, i)])).map { cuts.leaf(v, i, $0) })
            }
            for x in sets.indices { for y in sets.indices where x != y { #expect(!sets[x].isSubset(of: sets[y])) } }
        }
    }
}
