import Circuits
import Interpret
import LanguageModels
import Testing

@Suite struct TraceTests {
    @Test func reportsTheModelsScoresAndEveryNodesValue() throws {
        let model = try TestModels.model(seed: 7)
        let catalog = NodeCatalog(model)
        let prompt = Array("abcab".utf8)
        let trace = Trace(model: model, catalog: catalog, prompt: prompt, top: 3, values: .all)
        #expect(trace.positions.map(\.position) == [1, 2, 3, 4, 5])
        #expect(trace.positions[0].padded && !trace.positions[4].padded)
        let contexts = PromptContexts(prompt: prompt, contextLength: model.contextLength)
        for (i, position) in trace.positions.enumerated() {
            let context = contexts.context(at: position.position)
            let prediction = model.predictions(contexts: context, count: 1)[0]
            #expect(position.top.first?.byte == Int(model.classBytes[prediction.topClass]))
            #expect(position.top.map(\.score) == prediction.ranked(3).map { Int(prediction.scores[$0]) })
            // Every node value against a plain evaluation of the AIG.
            let inputs = (0..<model.aig.inputCount).map { b -> UInt64 in context[context.count - 1 - b / 8] >> UInt8(b % 8) & 1 == 1 ? 1 : 0 }
            let values = model.aig.evaluateVariables(inputs: inputs)
            for (l, layer) in position.layers.enumerated() {
                let names = try #require(trace.layers[l].nodes)
                let bits = Array(try #require(layer.values))
                #expect(bits.count == names.count && layer.nodes == names.count)
                for (n, name) in names.enumerated() {
                    let literal = catalog.nodes[try #require(catalog.node(named: name))].literal
                    #expect((AIG.value(literal, in: values) & 1 == 1) == (bits[n] == "1"), "\(name) at \(position.position)")
                }
                #expect(layer.fired == bits.filter { $0 == "1" }.count)
                if i > 0 {
                    let previous = Array(trace.positions[i - 1].layers[l].values!)
                    #expect(layer.changed == zip(bits, previous).filter { $0 != $1 }.count)
                }
            }
        }
        #expect(trace.layers.map(\.name) == ["ctx", "emb", "L1", "L2", "vote", "and", "score"])
    }

    @Test func diffListsExactlyTheDifferingNodes() throws {
        let model = try TestModels.model(seed: 8)
        let catalog = NodeCatalog(model)
        var trace = Trace(model: model, catalog: catalog, prompt: Array("ab".utf8), positions: [2])
        trace.addDifference(model: model, catalog: catalog, prompt: Array("ab".utf8), position: 2, other: Array("ac".utf8), otherPosition: 2)
        let diff = try #require(trace.diff)
        let ctx = try #require(diff.layers.first { $0.layer == "ctx" })
        // 'b' = 0x62 and 'c' = 0x63 differ in bit 0 of the most recent byte only.
        #expect(ctx.nodes == ["ctx[-1][0]"])
        let same = Trace(model: model, catalog: catalog, prompt: Array("ab".utf8), positions: [2])
        var selfDiff = same
        selfDiff.addDifference(model: model, catalog: catalog, prompt: Array("ab".utf8), position: 2, other: Array("ab".utf8), otherPosition: 2)
        #expect(selfDiff.diff!.layers.allSatisfy { $0.differing == 0 })
    }
}
