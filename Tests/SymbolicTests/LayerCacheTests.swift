@testable import Symbolic
import _TestSupport
import Testing

/// The layer cache: a program run after another resumes after the layers they share, and its
/// winners equal a run from scratch.
@Suite struct LayerCacheTests {
    /// The program with one rule of layer `layer` changed: its first literal negated, so the
    /// labels (and their numbers) stay and only that layer's signature changes.
    static func negatingARule(in program: SymbolicProgram, layer: Int) -> SymbolicProgram? {
        var edited = program
        guard let k = edited.layers[layer].items.lastIndex(where: {
            if case .statement(.rule(let r), _) = $0 { return !r.literals.isEmpty }
            return false
        }), case .statement(.rule(var rule), let comment) = edited.layers[layer].items[k] else { return nil }
        rule.literals[0].negated.toggle()
        edited.layers[layer].items[k] = .statement(.rule(rule), comment: comment)
        return edited
    }

    /// The program with the last statement of layer `layer` deleted (labels may disappear and be renumbered).
    static func deletingLastStatement(of program: SymbolicProgram, layer: Int) -> SymbolicProgram? {
        var edited = program
        guard let k = edited.layers[layer].items.lastIndex(where: { $0.statement != nil }) else { return nil }
        edited.layers[layer].items.remove(at: k)
        return edited
    }

    /// An edit at layer ℓ reuses exactly ℓ layers, and the edited program's winners (over a
    /// whole text and over runs) equal its run without a cache.
    @Test(arguments: 0..<30)
    func anEditAtLayerLReusesTheLayersBeforeIt(seed: Int) throws {
        var random = RandomPrograms(seed: UInt64(1000 + seed))
        let program = random.program(span: 1 + random.next(5))
        let text = random.text(count: 400 + random.next(200))
        let runs = [3..<40, 100..<101, 200..<350]
        let base = try SymbolicInterpreter(program)
        for layer in program.layers.indices {
            guard let edited = Self.negatingARule(in: program, layer: layer) else { continue }
            let interpreter = try SymbolicInterpreter(edited)
            var cache = LayerCache(), runCache = LayerCache()
            _ = base.winners(predicting: 0..<text.count, in: text, cache: &cache)
            _ = base.winners(predictingRuns: runs, in: text, cache: &runCache)
            #expect(interpreter.winners(predicting: 0..<text.count, in: text, cache: &cache) == interpreter.winners(predicting: 0..<text.count, in: text))
            #expect(interpreter.winners(predictingRuns: runs, in: text, cache: &runCache) == interpreter.winners(predictingRuns: runs, in: text))
            let layers = program.layerCount
            #expect(cache.reusedLayers == layer && cache.computedLayers == 2 * layers - layer, "seed \(seed) layer \(layer)")
            #expect(runCache.reusedLayers == layer)
        }
    }

    /// Deleting statements (labels renumbered), rerunning a program, and switching texts all give
    /// the winners of a run from scratch; a rerun reuses every layer and a new text none.
    @Test(arguments: 0..<30)
    func renumberingRerunsAndNewTextsAgreeWithAFreshRun(seed: Int) throws {
        var random = RandomPrograms(seed: UInt64(2000 + seed))
        let program = random.program(span: 1 + random.next(5))
        let text = random.text(count: 300 + random.next(200)), other = random.text(count: 250)
        var cache = LayerCache(capacity: 3)
        let base = try SymbolicInterpreter(program)
        let expected = base.winners(predicting: 0..<text.count, in: text)
        #expect(base.winners(predicting: 0..<text.count, in: text, cache: &cache) == expected)
        for layer in program.layers.indices {
            guard let edited = Self.deletingLastStatement(of: program, layer: layer),
                  let interpreter = try? SymbolicInterpreter(edited) else { continue }
            #expect(interpreter.winners(predicting: 0..<text.count, in: text, cache: &cache) == interpreter.winners(predicting: 0..<text.count, in: text),
                    "seed \(seed) layer \(layer)")
        }
        let reused = cache.reusedLayers
        #expect(base.winners(predicting: 0..<text.count, in: text, cache: &cache) == expected)
        #expect(cache.reusedLayers == reused + program.layerCount)
        #expect(base.winners(predicting: 0..<other.count, in: other, cache: &cache) == base.winners(predicting: 0..<other.count, in: other))
        #expect(cache.reusedLayers == reused + program.layerCount)
    }

    /// A layer added at the end widens the window (W = L·S + 1), so every run's buffer starts
    /// earlier: the cached planes do not line up and nothing is reused, and the winners equal a
    /// fresh run's.
    @Test(arguments: 0..<10)
    func aWiderWindowReusesNothing(seed: Int) throws {
        var random = RandomPrograms(seed: UInt64(3000 + seed))
        let program = random.program(span: 1 + random.next(5))
        // Every seed must be able to add a layer, or it would test nothing.
        try #require(program.layerCount < SymbolicProgram.Limits.layers.upperBound, "seed \(seed) drew the most layers allowed")
        var wider = program
        wider.layerCount += 1
        wider.layers.append(SymbolicProgram.Layer(number: wider.layerCount))
        let text = random.text(count: 300 + random.next(200))
        let runs = [2..<60, 150..<290]
        let base = try SymbolicInterpreter(program), interpreter = try SymbolicInterpreter(wider)
        var cache = LayerCache()
        _ = base.winners(predictingRuns: runs, in: text, cache: &cache)
        #expect(interpreter.winners(predictingRuns: runs, in: text, cache: &cache) == interpreter.winners(predictingRuns: runs, in: text), "seed \(seed)")
        #expect(cache.reusedLayers == 0)
    }
}
