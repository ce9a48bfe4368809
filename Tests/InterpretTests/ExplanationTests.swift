import Circuits
import Foundation
import Interpret
import LanguageModels
import Testing

@Suite struct ExplanationTests {
    /// Top class of every context, for W = 2 (16 input bits): the ground truth.
    static func allTops(_ model: CircuitLanguageModel) -> [Int] {
        let contexts = TestModels.allContexts(contextLength: model.contextLength)
        return model.predictions(contexts: contexts, count: contexts.count / model.contextLength).map(\.topClass)
    }

    /// Both ways of deciding a member: the cube search (the default) and SAT (no cubes).
    @Test(arguments: [Explanation.Granularity.bit, .byte], [Explanation.maxCubes, 0])
    func isSufficientAndMinimalByWitnesses(granularity: Explanation.Granularity, maxCubes: Int) throws {
        for seed in [21, 22, 23] as [UInt64] {
            let model = try TestModels.model(seed: seed)
            let tops = Self.allTops(model)
            for prompt in ["ab", "ce", "e"] {
                let bytes = Array(prompt.utf8)
                var params = ExplanationParams(granularity: granularity)
                params.maxCubes = maxCubes
                let e = try explainPrediction(model: model, prompt: bytes, params: params)
                #expect(e.minimal)
                if maxCubes == 0 {
                    #expect(e.stats.cubeDrops == 0 && e.stats.cubes == 0)
                    #expect(e.certificate != .cubes)
                }
                let context = PromptContexts(prompt: bytes, contextLength: 2).context(at: bytes.count)
                let top = tops[Int(context[0]) << 8 | Int(context[1])]
                #expect(e.prediction == Int(model.classBytes[top]))
                // Sufficiency: every completion of the fixed bits predicts the same byte.
                var mask = 0, value = 0   // over the 16-bit index (oldest byte high)
                for f in e.fixed {
                    let bit = 8 * (f.position - 1) + f.bit
                    mask |= 1 << bit
                    if f.value { value |= 1 << bit }
                }
                for index in 0..<(1 << 16) where index & mask == value {
                    #expect(tops[index] == top, "completion \(index) breaks the explanation")
                }
                // Minimality: one witness per member, agreeing with the other members and predicting another byte.
                let members = granularity == .bit ? e.fixed.count : e.positions.count
                #expect(e.witnesses.count == members)
                for witness in e.witnesses {
                    let hi = Int(witness.context.prefix(2), radix: 16)!, lo = Int(witness.context.suffix(2), radix: 16)!
                    let index = hi << 8 | lo
                    #expect(tops[index] != top)
                    var others = mask
                    if granularity == .bit { others &= ~(1 << (8 * (witness.position - 1) + witness.bit)) }
                    else { others &= ~(0xFF << (8 * (witness.position - 1))) }
                    #expect(index & others == value & others)
                }
            }
        }
    }

    /// The result and its stats encode as one flat object under the documented names, and decode back.
    @Test func theJSONIsOneFlatObjectThatRoundTrips() throws {
        let model = try TestModels.model(seed: 21)
        let e = try explainPrediction(model: model, prompt: Array("ab".utf8), params: ExplanationParams(granularity: .byte))
        let data = try JSONEncoder().encode(e)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in ["prediction", "fixed", "certificate", "rendering", "satCalls", "cnfVariables", "cnfClauses", "seconds",
                    "simulatedWitnesses", "cubeDrops", "cubes"] {
            #expect(object[key] != nil, "\(key) missing")
        }
        #expect(object["stats"] == nil)
        #expect(try JSONDecoder().decode(Explanation.self, from: data) == e)
    }
}
