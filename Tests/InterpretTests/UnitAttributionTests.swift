import Circuits
import Foundation
import GateLMSupport
import Interpret
import LanguageModels
import Testing
import Text

/// Every effect `attribute --units` reports is re-checked by an independent intervention: the
/// integer model's own levels with one unit set to the level, scored through its readout here.
@Suite struct UnitAttributionTests {
    @Test(arguments: ["the cat sat on", "a dog ran", "mat and"])
    func everyEffectIsTheIntegerModelsIntervention(prompt: String) throws {
        let text = UnitFeaturesTests.text
        let checkpoint = try IntegerWindowFamily.sample(text: text, seed: 6) as! IntegerWindowCheckpoint
        let folded = try checkpoint.folded()
        let m = folded.model, readout = folded.readout
        let lm = try CircuitLanguageModel(checkpoint.circuit(nodeNames: true, argmax: false))
        let bytes = Array(prompt.utf8)
        let a = try UnitAttribution(model: lm, prompt: bytes)
        let levels = UnitFeaturesTests.levels(m, at: bytes.count, in: bytes)
        let U = m.layers[0].count, C = m.classCount
        func scores(_ y: [Int]) -> [Int] {
            (0..<C).map { c in (0..<U).reduce(0) { $0 + Int(m.readout[c * U + $1]) * y[$1] } + m.readoutShift(class: c) + Int(m.offsets[c]) }
        }
        func probability(_ s: [Int], _ c: Int) -> Double {
            let best = s.max()!
            let z = s.reduce(0.0) { $0 + exp(Double($1 - best) / readout.temperature) }
            return (1 - readout.epsilon) * exp(Double(s[c] - best) / readout.temperature) / z + readout.epsilon / 256
        }
        // A level bit the compiler folded to a constant rules out the levels that would need the other value.
        let bits = UnitFeatures.units(in: lm).map(\.bits)
        func reachable(_ u: Int, _ v: Int) -> Bool {
            // Each bit's literal must be able to carry its bit of v: constants as they are, bits sharing a variable consistently.
            var variableValues = [UInt32: Bool]()
            for (b, bit) in bits[u].enumerated() {
                let wanted = v >> b & 1 == 1
                if bit.variable == 0 { if wanted != (bit == .true) { return false } else { continue } }
                if let other = variableValues[UInt32(bit.variable)], other != (wanted != bit.isComplemented) { return false }
                variableValues[UInt32(bit.variable)] = wanted != bit.isComplemented
            }
            return true
        }
        let original = scores(levels)
        let top = original.firstIndex(of: original.max()!)!
        #expect(a.prediction == Int(m.classBytes[top]) && a.score == original[top])
        let reachableLevels = (0..<U).reduce(0) { n, u in n + (0...m.largestLevel).filter { $0 != levels[u] && reachable(u, $0) }.count }
        #expect(a.unitCount == U && a.interventions == reachableLevels)
        #expect(bits.contains { $0.contains { $0.variable == 0 } }, "the sample has folded level bits, so the rule is exercised")
        #expect(bits.contains { Set($0.map(\.variable)).count < $0.count }, "and merged ones")
        var listed = Set<String>()
        for u in 0..<U {
            var moves = false
            for v in 0...m.largestLevel where v != levels[u] && reachable(u, v) {
                var y = levels
                y[u] = v
                let s = scores(y)
                let effect = s[top] - original[top], probabilityEffect = probability(s, top) - probability(original, top)
                if effect != 0 || probabilityEffect != 0 { moves = true }
                guard let unit = a.units.first(where: { $0.unit == "L1.u\(u)" }) else { continue }
                #expect(unit.level == levels[u])
                let reported = try #require(unit.effects.first { $0.level == v })
                #expect(reported.effect == effect, "L1.u\(u) at \(v)")
                #expect(abs(reported.probabilityEffect - probabilityEffect) < 1e-12, "L1.u\(u) at \(v)")
                #expect(reported.top == Int(m.classBytes[s.firstIndex(of: s.max()!)!]))
            }
            if moves { listed.insert("L1.u\(u)") }
        }
        #expect(Set(a.units.map(\.unit)) == listed, "exactly the units some level of which moves the target are listed")
        #expect(!listed.isEmpty)
        for (x, y) in zip(a.units, a.units.dropFirst()) { #expect(abs(x.largestProbabilityEffect) >= abs(y.largestProbabilityEffect)) }
    }

    @Test func aCircuitWithoutUnitsIsRefused() throws {
        let gates = try GateNetworkFamily.sample(text: UnitFeaturesTests.text, seed: 1)
        let lm = try CircuitLanguageModel(gates.circuit(nodeNames: true, argmax: false))
        #expect(throws: Attribution.TargetError.self) { try UnitAttribution(model: lm, prompt: Array("the".utf8)) }
    }
}
