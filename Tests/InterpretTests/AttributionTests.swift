import Circuits
import Interpret
import LanguageModels
import Testing

@Suite struct AttributionTests {
    @Test func everyEffectEqualsABruteForceResimulation() throws {
        for seed in [11, 12] as [UInt64] {
            let model = try TestModels.model(seed: seed)
            let catalog = NodeCatalog(model)
            let prompt = Array("dcab".utf8)
            let context = PromptContexts(prompt: prompt, contextLength: model.contextLength).context(at: prompt.count)
            let original = model.predictions(contexts: context, count: 1)[0]
            for target in [nil, UInt8(ascii: "e")] {
                let a = try Attribution(model: model, catalog: catalog, prompt: prompt, target: target)
                let t = model.classIndex(of: UInt8(a.target))!
                #expect(target == nil ? t == original.topClass : a.target == Int(target!))
                let w = model.contextLength
                // (a) each bit flipped.
                for bit in a.bits {
                    var c = context
                    c[w - bit.position] ^= 1 << UInt8(bit.bit)
                    let p = model.predictions(contexts: c, count: 1)[0]
                    #expect(bit.effect == Int(p.scores[t]) - Int(original.scores[t]))
                    #expect(abs(bit.probabilityEffect - (p.probabilities[t] - original.probabilities[t])) < 1e-12)
                    #expect(bit.marginEffect == Int(p.margin(ofClass: t)) - Int(original.margin(ofClass: t)))
                    #expect(bit.changesTop == (p.topClass != original.topClass))
                }
                // (b) each byte replaced by each other value.
                for byte in a.bytes {
                    var effects = [Int](), changing = [Int]()
                    for value in 0...255 where UInt8(value) != context[w - byte.position] {
                        var c = context
                        c[w - byte.position] = UInt8(value)
                        let p = model.predictions(contexts: c, count: 1)[0]
                        effects.append(Int(p.scores[t]) - Int(original.scores[t]))
                        if p.topClass != original.topClass { changing.append(value) }
                    }
                    #expect(byte.minEffect == effects.min()! && byte.maxEffect == effects.max()!)
                    #expect(byte.topChangingReplacements == changing)
                }
                // (c) every AND flipped: the effects reported, and no node left out.
                var reported = [Int: Attribution.NodeEffect]()
                for node in a.nodes { reported[node.variable] = node }
                for v in model.aig.firstAndVariable ..< model.aig.variableCount {
                    let p = TestModels.predictionFlipping(v, model: model, context: context)
                    let effect = Int(p.scores[t]) - Int(original.scores[t])
                    let probability = p.probabilities[t] - original.probabilities[t]
                    if let node = reported[v] {
                        #expect(node.effect == effect && abs(node.probabilityEffect - probability) < 1e-12, "n\(v)")
                        #expect(node.changesTop == (p.topClass != original.topClass))
                    } else {
                        #expect(effect == 0 && probability == 0, "n\(v) moves the target but is not reported")
                    }
                }
                // The graph: exactly the score-moving nodes, edges only between them.
                let graphVariables = Set(a.graph.map(\.variable))
                #expect(graphVariables == Set(a.nodes.filter { $0.effect != 0 }.map(\.variable))
                    .union(a.bits.filter { $0.effect != 0 }.map { ($0.position - 1) * 8 + $0.bit + 1 }))
                let names = Set(a.graph.map(\.node))
                #expect(a.edges.allSatisfy { names.contains($0.from) && names.contains($0.to) })
            }
        }
    }

    /// `named` flips exactly the named ANDs, with the effects `all` finds for them (each pass is event-driven:
    /// what it does not re-evaluate must not have changed).
    @Test func theNamedScopeIsTheNamedPartOfAll() throws {
        let model = try TestModels.model(seed: 12)
        let catalog = NodeCatalog(model)
        let prompt = Array("dcab".utf8)
        let all = try Attribution(model: model, catalog: catalog, prompt: prompt, nodes: .all)
        let named = try Attribution(model: model, catalog: catalog, prompt: prompt, nodes: .named)
        let auto = try Attribution(model: model, catalog: catalog, prompt: prompt)
        #expect(all.nodeScope == .all && named.nodeScope == .named && auto.nodeScope == .all)   // a small circuit: every AND
        #expect(named.patchedNodes > 0 && named.patchedNodes < all.patchedNodes)
        #expect(named.nodes.allSatisfy { !$0.node.hasPrefix("n") })
        let allEffects = Dictionary(uniqueKeysWithValues: all.nodes.map { ($0.variable, $0.effect) })
        for node in named.nodes { #expect(allEffects[node.variable] == node.effect, "\(node.node)") }
        #expect(!named.nodes.isEmpty)
    }

    @Test func refusesATargetWithoutAClass() throws {
        let model = try TestModels.model(seed: 11)
        #expect(throws: Attribution.TargetError.self) {
            try Attribution(model: model, catalog: NodeCatalog(model), prompt: Array("ab".utf8), target: UInt8(ascii: "z"))
        }
    }
}
