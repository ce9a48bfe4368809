import Circuits
import Interpret
import LanguageModels
import Testing

@Suite struct UnitContrastTests {
    /// Each reported rate is recounted from the units' levels, and each necessity from an independent
    /// re-simulation with the unit's level bits held (a plain evaluation, not the patched simulator).
    @Test func ratesAndNecessitiesAreExact() throws {
        let checkpoint = try IntegerWindowFamily.sample(text: UnitFeaturesTests.text, seed: 6) as! IntegerWindowCheckpoint
        let model = try CircuitLanguageModel(checkpoint.circuit(nodeNames: true, argmax: false))
        // After a space against inside a word.
        let positives = ["the ", "cat ", "sat on ", "a "].map { Array($0.utf8) }
        let negatives = ["th", "ca", "sa", "mat an"].map { Array($0.utf8) }
        let contrast = try UnitContrast(model: model, positives: positives, negatives: negatives, top: 8, ablate: 8)
        #expect(contrast.unitCount > 0 && !contrast.candidates.isEmpty)
        let units = Dictionary(uniqueKeysWithValues: UnitFeatures.units(in: model).map { ($0.name, $0.bits) })
        let targetClass = try #require(model.classIndex(of: UInt8(contrast.target)))
        func context(_ prompt: [UInt8]) -> [UInt8] { PromptContexts(prompt: prompt, model: model).context(at: prompt.count) }
        for c in contrast.candidates {
            let bits = try #require(units[c.unit])
            func level(_ prompt: [UInt8]) -> Int {
                let values = NodeValues(model, contexts: context(prompt), count: 1)
                return bits.enumerated().reduce(0) { $0 | (values.value($1.element, pattern: 0) ? 1 << $1.offset : 0) }
            }
            func marks(_ prompt: [UInt8]) -> Bool { c.above == (level(prompt) >= c.threshold) }
            #expect(Double(positives.filter(marks).count) / 4 == c.positiveRate, "\(c.unit)")
            #expect(Double(negatives.filter(marks).count) / 4 == c.negativeRate, "\(c.unit)")
            guard let held = c.ablationLevel, let necessity = c.necessity,
                  let forced = UnitFeatures.heldValues(bits: bits, level: held) else { continue }
            var had = 0, lost = 0
            for prompt in positives where model.predictions(contexts: context(prompt), count: 1)[0].topClass == targetClass {
                had += 1
                let p = TestModels.prediction(holding: forced, model: model, context: context(prompt))
                if p.topClass != targetClass { lost += 1 }
            }
            #expect(necessity == (had == 0 ? 0 : Double(lost) / Double(had)), "\(c.unit)")
            #expect(c.causal == (lost > 0))
        }
        #expect(contrast.candidates.contains { $0.necessity != nil })
    }

    @Test func aCircuitWithoutUnitsIsRefused() throws {
        let model = try TestModels.model(seed: 11)
        #expect(throws: Contrast.ContrastError.self) {
            try UnitContrast(model: model, positives: [Array("ab".utf8)], negatives: [Array("cd".utf8)])
        }
    }
}
