import Circuits
import Interpret
import LanguageModels
import Testing

@Suite struct ContrastTests {
    @Test func ratesAndAblationsEqualBruteForce() throws {
        let model = try TestModels.model(seed: 51)
        let catalog = NodeCatalog(model)
        let positives = ["aa", "ba", "ca", "da"].map { Array($0.utf8) }
        let negatives = ["ab", "bb", "cc", "de", "ee"].map { Array($0.utf8) }
        let result = try Contrast(model: model, catalog: catalog, positives: positives, negatives: negatives, top: 8, ablate: 8)
        let w = model.contextLength
        let targetClass = model.classIndex(of: UInt8(result.target))!
        for candidate in result.candidates {
            let literal = catalog.nodes[try #require(catalog.node(named: candidate.nodes[0]))].literal
            func rate(_ prompts: [[UInt8]]) -> Double {
                Double(prompts.filter { p in
                    let c = PromptContexts(prompt: p, contextLength: w).context(at: p.count)
                    return NodeValues(model, contexts: c, count: 1).value(literal, pattern: 0) == candidate.values[0]
                }.count) / Double(prompts.count)
            }
            #expect(abs(rate(positives) - candidate.positiveRate) < 1e-12 && abs(rate(negatives) - candidate.negativeRate) < 1e-12)
            guard let necessity = candidate.necessity else { continue }
            // Forcing the node's variable to the other value, by plain re-evaluation.
            var lost = 0, had = 0
            for p in positives {
                let c = PromptContexts(prompt: p, contextLength: w).context(at: p.count)
                guard model.predictions(contexts: c, count: 1)[0].topClass == targetClass else { continue }
                had += 1
                let current = NodeValues(model, contexts: c, count: 1).value(Literal(variable: literal.variable), pattern: 0)
                let forcedValue = candidate.values[0] != literal.isComplemented   // the AIG node's value on the side of the positives
                let changed = current == forcedValue
                    ? TestModels.predictionFlipping(literal.variable, model: model, context: c)
                    : model.predictions(contexts: c, count: 1)[0]
                if changed.topClass != targetClass { lost += 1 }
            }
            #expect(abs(necessity - (had == 0 ? 0 : Double(lost) / Double(had))) < 1e-12, "\(candidate.nodes)")
        }
    }
}
