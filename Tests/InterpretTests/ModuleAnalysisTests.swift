import Circuits
import Interpret
import LanguageModels
import Synthesis
import Testing

@Suite struct ModuleAnalysisTests {
    @Test func modulesPartitionEveryANDOnceAndComposeBackIntoTheCircuit() throws {
        for seed in [41, 42] as [UInt64] {
            let model = try TestModels.model(seed: seed)
            let aig = model.aig
            let partition = ModulePartition(aig)
            let all = partition.members.flatMap { $0 }
            #expect(all.count == aig.andCount && Set(all).count == aig.andCount)
            for (m, root) in partition.roots.enumerated() {
                #expect(partition.members[m].last == root)   // the root is the module's largest variable
                for leaf in partition.leaves[m] { #expect(leaf <= aig.inputCount || partition.roots.contains(leaf)) }
            }
            let recomposed = partition.recomposed(aig)
            let result = try EquivalenceChecker().check(aig, recomposed)
            guard case .equivalent = result else { Issue.record("recomposed circuit differs: \(result)"); continue }
        }
    }

    @Test func byteFeaturesAreTheFunctionsTheirNodesCompute() throws {
        let model = try TestModels.model(seed: 43)
        let analysis = ModuleAnalysis(model: model, catalog: NodeCatalog(model))
        #expect(!analysis.byteFeatures.isEmpty)
        let catalog = NodeCatalog(model)
        let w = model.contextLength
        for feature in analysis.byteFeatures.prefix(40) {
            for name in feature.nodes {
                let complemented = name.hasPrefix("!")
                let literal = catalog.nodes[try #require(catalog.node(named: String(name.drop { $0 == "!" })))].literal
                for value in 0...255 {
                    for other in [0, 0x5A, 0xFF] as [UInt8] {   // the other byte must not matter
                        var context = [UInt8](repeating: other, count: w)
                        context[w - feature.position] = UInt8(value)
                        let on = NodeValues(model, contexts: context, count: 1).value(literal, pattern: 0) != complemented
                        #expect(on == feature.bytes.contains(value), "\(name) on \(value)")
                    }
                }
            }
        }
        let s = analysis.summary
        #expect(s.fractionUpTo8Bits <= s.fractionUpTo16Bits && s.fractionUpTo16Bits <= s.fractionUpTo64Bits && s.fractionUpTo64Bits == 1)
        #expect(analysis.supernodes.reduce(0) { $0 + $1.ands } == model.aig.andCount)
        // Truth tables of small modules against evaluation: every module with at most 6 leaves
        // has one, and bit i of it is the root evaluated on the AIG with leaf j set to bit j of i.
        let partition = ModulePartition(model.aig)
        var checked = [Int: Int]()   // modules checked, by leaf count
        for module in analysis.modules {
            let leaves = partition.leaves[module.id]
            #expect(partition.roots[module.id] == module.rootVariable)
            guard leaves.count <= 6 else { #expect(module.truthTable == nil); continue }
            let table = try #require(module.truthTable, "module \(module.id) has \(leaves.count) leaves but no truth table")
            #expect(table.count == max(1, (1 << leaves.count) / 4), "\(table)")
            let bits = try #require(UInt64(table, radix: 16), "\(table)")
            for assignment in 0 ..< (1 << leaves.count) {
                var values = [Int: Bool]()
                for (j, leaf) in leaves.enumerated() { values[leaf] = assignment >> j & 1 == 1 }
                let root = Self.evaluate(Literal(variable: module.rootVariable), in: model.aig, leaves: &values)
                #expect((bits >> UInt64(assignment) & 1 == 1) == root, "module \(module.id), leaves \(assignment)")
            }
            checked[leaves.count, default: 0] += 1
        }
        // The loop checked modules, and not only the trivial ones.
        #expect(checked.values.reduce(0, +) > 0 && checked.keys.contains { $0 >= 2 }, "\(checked)")
    }

    /// `literal` evaluated on `aig` from the values in `values` (the leaves; more are added as
    /// nodes are evaluated), recursively through the fanins: independent of `ModuleAnalysis`.
    static func evaluate(_ literal: Literal, in aig: AIG, leaves values: inout [Int: Bool]) -> Bool {
        let v = literal.variable
        if v == 0 { return literal.isComplemented }   // the constant
        if let known = values[v] { return known != literal.isComplemented }
        precondition(v >= aig.firstAndVariable, "input \(v) is not a leaf")
        let (a, b) = aig.fanins(ofVariable: v)
        let value = evaluate(a, in: aig, leaves: &values) && evaluate(b, in: aig, leaves: &values)
        values[v] = value
        return value != literal.isComplemented
    }
}
