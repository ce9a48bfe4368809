import Circuits
import Interpret
import LanguageModels
import Testing

@Suite struct ViewDataTests {
    /// Past the cap the page keeps the modules that move the target, then the largest, and counts the rest
    /// per supernode; below it nothing is left out.
    @Test func theModuleCapKeepsTheEffectsAndCountsTheRest() throws {
        let model = try TestModels.model(seed: 11)
        let catalog = NodeCatalog(model)
        let analysis = ModuleAnalysis(model: model, catalog: catalog)
        let prompt = Array("dcab".utf8)
        let whole = try ViewData(modelName: "m", model: model, catalog: catalog, analysis: analysis, prompt: prompt, curveSVG: nil)
        #expect(whole.supernodes.allSatisfy { $0.modulesNotEmbedded == 0 })
        let cap = whole.modules.count / 2
        try #require(cap >= 1)
        let capped = try ViewData(modelName: "m", model: model, catalog: catalog, analysis: analysis, prompt: prompt, curveSVG: nil,
                                  maxEmbeddedModules: cap)
        #expect(capped.modules.count == cap)
        #expect(capped.supernodes.map(\.modulesNotEmbedded).reduce(0, +) == whole.modules.count - cap)
        #expect(capped.supernodes.map(\.modules.count).reduce(0, +) == cap)
        // Every module kept has at least the effect of every module left out.
        let kept = Set(capped.modules.map(\.id))
        let smallestKept = capped.modules.map { abs($0.effect) }.min() ?? 0
        #expect(whole.modules.filter { !kept.contains($0.id) }.allSatisfy { abs($0.effect) <= smallestKept })
    }
}
