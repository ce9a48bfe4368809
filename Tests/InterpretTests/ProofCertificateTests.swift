import Circuits
import Foundation
import Interpret
import LanguageModels
import Solver
import Testing
import _TestSupport

@Suite struct ProofCertificateTests {
    /// Every explanation of the small models gets a proof of sufficiency that the DRAT checker verifies, and
    /// the claim it proves holds by enumeration of all 65,536 contexts.
    @Test(arguments: [41, 42] as [UInt64])
    func explanationsGetCheckedProofs(seed: UInt64) throws {
        let model = try TestModels.model(seed: seed)
        let contexts = TestModels.allContexts(contextLength: 2)
        let tops = model.predictions(contexts: contexts, count: contexts.count / 2).map(\.topClass)
        for prompt in ["ab", "dc", "e"] {
            let bytes = Array(prompt.utf8)
            let e = try explainPrediction(model: model, prompt: bytes)
            let context = PromptContexts(prompt: bytes, contextLength: 2).context(at: bytes.count)
            let fixed = e.fixed.map { 8 * ($0.position - 1) + $0.bit }
            let certificate = try ProofCertificate.sufficiency(model: model, context: context, fixed: fixed)
            let check = certificate.check()
            #expect(check.verified, "\(prompt): \(check.message)")
            #expect(certificate.engine == "cubes")
            // The formula names every input and fixes exactly the explanation's bits.
            let fixedInputs = certificate.inputs.filter { $0.value != nil }
            #expect(fixedInputs.count == fixed.count)
            #expect(certificate.inputs.allSatisfy { $0.name.hasPrefix("ctx[-") })
            // The claim, by enumeration.
            var mask = 0, value = 0
            for f in e.fixed {
                let bit = 8 * (f.position - 1) + f.bit
                mask |= 1 << bit
                if f.value { value |= 1 << bit }
            }
            let top = tops[Int(context[0]) << 8 | Int(context[1])]
            #expect((0..<(1 << 16)).allSatisfy { $0 & mask != value || tops[$0] == top })
        }
    }

    @Test func aSetThatDoesNotForceThePredictionHasNoProof() throws {
        let model = try TestModels.model(seed: 41)
        let context = Array("ab".utf8)
        // Nothing fixed: some context predicts another byte (the models are not constant).
        #expect(throws: ProofCertificate.Failure.self) { _ = try ProofCertificate.sufficiency(model: model, context: context, fixed: []) }
    }

    @Test func theDirectoryHoldsWhatDRATCheckersRead() throws {
        let model = try TestModels.model(seed: 42)
        let context = Array("dc".utf8)
        let e = try explainPrediction(model: model, prompt: context)
        let certificate = try ProofCertificate.sufficiency(model: model, context: context, fixed: e.fixed.map { 8 * ($0.position - 1) + $0.bit })
        let dir = try TemporaryDirectory()
        let path = dir.file("proof")
        try certificate.write(directory: path)
        let cnf = try DIMACSParser.cnf(Array(try Data(contentsOf: URL(fileURLWithPath: path + "/formula.cnf"))))
        let proof = try DIMACSParser.drat(Array(try Data(contentsOf: URL(fileURLWithPath: path + "/proof.drat"))), variableCount: cnf.variableCount)
        #expect(cnf == certificate.formula)
        #expect(proof == certificate.proof)
        #expect(DRATCheck(formula: cnf, proof: proof).verified)
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path + "/certificate.json"))) as? [String: Any])
        #expect(manifest["format"] as? String == "gatelm-certificate" && manifest["engine"] as? String == "cubes")
        #expect(manifest["lemmas"] as? Int == proof.lemmaCount && manifest["clauses"] as? Int == cnf.clauseCount)
        // A path that is a file is refused, and left as it was.
        let file = dir.file("taken")
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        #expect(throws: (any Error).self) { try certificate.write(directory: file) }
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "x")
    }
}
