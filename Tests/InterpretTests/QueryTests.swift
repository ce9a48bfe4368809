import Circuits
import Interpret
import LanguageModels
import Testing

@Suite struct QueryTests {
    /// Every engine: random contexts first (the default), the witness search alone, the cube search alone, and
    /// SAT alone (with its lazily added comparisons). Unsat answers come with a proof that the DRAT checker verifies.
    @Test(arguments: [(Query.randomSamples, Query.searchRounds, Query.maxCubes), (0, Query.searchRounds, 0), (0, 0, Query.maxCubes), (0, 0, 0)])
    func satWitnessesHoldAndUnsatAnswersMatchEnumeration(randomSamples: Int, searchRounds: Int, maxCubes: Int) throws {
        var unsatAnswers = 0
        for seed in [31, 32] as [UInt64] {
            let model = try TestModels.model(seed: seed)
            let contexts = TestModels.allContexts(contextLength: 2)
            let predictions = model.predictions(contexts: contexts, count: contexts.count / 2)
            let questions: [(String, [Query.Goal])] = [
                ("ctx[-1]='a'", [.notTop(UInt8(ascii: "a"))]),
                ("ctx[-1] in [a-e], ctx[-2] in printable", [.top(UInt8(ascii: "c"))]),
                ("ctx[-2]=0x00", [.top(UInt8(ascii: "e")), .score(UInt8(ascii: "e"), .atLeast, 3)]),
                ("ctx[-1][0]=1", [.score(UInt8(ascii: "b"), .greater, 3)]),
                ("ctx[-1] not in [^x]", [.score(UInt8(ascii: "d"), .atMost, 0)]),
            ]
            for (text, goals) in questions {
                let constraints = try ContextConstraint.parse(text, contextLength: 2)
                let query = try Query(model: model, constraints: constraints, goals: goals, randomSamples: randomSamples, searchRounds: searchRounds, maxCubes: maxCubes)
                // Brute force over all 65,536 contexts.
                let exists = predictions.indices.contains { i in
                    let context = [contexts[2 * i], contexts[2 * i + 1]]
                    guard constraints.allSatisfy({ $0.allowed.contains(context[2 - $0.position]) }) else { return false }
                    let p = predictions[i]
                    return goals.allSatisfy { goal in
                        switch goal {
                        case .top(let b): return p.topClass == model.classIndex(of: b)
                        case .notTop(let b): return p.topClass != model.classIndex(of: b)
                        case .score(let b, let r, let n):
                            let s = Int(p.scores[model.classIndex(of: b)!])
                            switch r {
                            case .atLeast: return s >= n
                            case .atMost: return s <= n
                            case .greater: return s > n
                            case .less: return s < n
                            case .equal: return s == n
                            case .notEqual: return s != n
                            }
                        case .node: return false   // not asked here (RecurrentInterpretationTests)
                        }
                    }
                }
                #expect(query.result == (exists ? .sat : .unsat), "\(text) \(goals)")
                if query.result == .sat { #expect(query.witness?.count == 4) }
                if randomSamples == 0 { #expect(query.engine != .simulation) }
                var engines: Set<Query.Engine> = [.cadical, .hashing]
                if randomSamples > 0 { engines.insert(.simulation) }
                if searchRounds > 0 { engines.insert(.search) }
                if maxCubes > 0 { engines.insert(.cubes) }
                #expect(engines.contains(query.engine), "\(query.engine)")
                if query.engine == .cadical || query.engine == .hashing { #expect(!query.foundBySimulation) }
                if maxCubes == 0 { #expect(query.cubes == 0) }
                #expect(query.cnfVariables >= 16)   // every input has a variable, even when hashing settles the question
                if query.result == .unsat {
                    unsatAnswers += 1
                    let certificate = try ProofCertificate.unsat(model: model, constraints: constraints, goals: goals)
                    let check = certificate.check()
                    #expect(check.verified, "\(text) \(goals): \(check.message)")
                    // The checker stops once a unit lemma contradicts the formula: the rest follow.
                    #expect(check.lemmas >= 1 && check.lemmas <= certificate.proof.lemmaCount)
                }
            }
        }
        #expect(unsatAnswers > 0, "the questions include unsat ones")
    }

    @Test func aSatQuestionHasNoCertificate() throws {
        let model = try TestModels.model(seed: 31)
        let constraints = try ContextConstraint.parse("ctx[-1]='a'", contextLength: 2)
        let query = try Query(model: model, constraints: constraints, goals: [.notTop(UInt8(ascii: "a"))])
        try #require(query.result == .sat)
        #expect(throws: ProofCertificate.Failure.self) {
            _ = try ProofCertificate.unsat(model: model, constraints: constraints, goals: [.notTop(UInt8(ascii: "a"))])
        }
    }

    @Test func unknownClassesAreErrors() throws {
        let model = try TestModels.model(seed: 31)
        #expect(throws: Query.QueryError.self) { try Query(model: model, constraints: [], goals: [.top(UInt8(ascii: "z"))]) }
    }
}
