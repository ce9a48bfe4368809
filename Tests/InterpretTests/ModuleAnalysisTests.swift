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
        // Truth tables of small modules against evaluation.
        for module in analysis.modules where module.truthTable != nil && module.inputs.count == 1 {
            #expect(module.truthTable == "1" || module.truthTable == "2" || module.truthTable == "0" || module.truthTable == "3")
        }
    }
}
