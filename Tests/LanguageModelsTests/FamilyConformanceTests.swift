import Circuits
import Foundation
import GateLMSupport
import LanguageModels
import Testing
import Text
import _TestSupport

/// One suite over every family in `ModelFamilies.all`: a family added there is checked here
/// with nothing else to write than its `sample`.
@Suite struct FamilyConformanceTests {
    static let families = ModelFamilies.all.map { String(describing: $0) }
    static func family(_ name: String) -> any LanguageModelFamily.Type { ModelFamilies.all.first { String(describing: $0) == name }! }

    /// About 3 KB of words, seeded: the corpus every sample is made on.
    static let text: Corpus = {
        let words = ["the", "cat", "sat", "on", "a", "mat", "and", "then", "dog", "ran", "with", "this"]
        var random = SplitMix64(seed: 17), out = [UInt8]()
        while out.count < 3000 { out += Array(words[random.nextIndex(below: words.count)].utf8) + [UInt8(ascii: random.nextIndex(below: 8) == 0 ? "\n" : " ")] }
        return Corpus(name: "words", bytes: out)
    }()

    @Test func everyFamilyHasANameAndAKindOrAFileOfItsOwn() {
        let names = ModelFamilies.all.flatMap { $0.names }
        #expect(Set(names).count == names.count && Set(names).isSuperset(of: ["gates", "hybrid", "ternary", "symbolic"]))
        let kinds = ModelFamilies.kinds
        #expect(Set(kinds).count == kinds.count)
    }

    /// Written and read back through `TrainedModel`, the model is the same: the same family,
    /// vocabulary and discrete scores on every position.
    @Test(arguments: families)
    func theModelFileRoundTrips(family name: String) throws {
        let family = Self.family(name)
        let sample = try family.sample(text: Self.text, seed: 5)
        let dir = try TemporaryDirectory()
        let path = dir.file("m." + family.fileExtension)
        try sample.write(to: path)
        let loaded = try TrainedModel.read(from: path, corpus: { Self.text })
        #expect(family.names.contains(loaded.family) && loaded.family == sample.family)
        #expect(loaded.vocabulary == sample.vocabulary && loaded.epsilon == sample.epsilon, "ε \(loaded.epsilon) vs \(sample.epsilon)")
        let positions = 0..<Self.text.bytes.count
        #expect(try loaded.discreteScores(of: positions, in: Self.text.bytes) == sample.discreteScores(of: positions, in: Self.text.bytes))
    }

    /// Discrete forward = AIG simulation = emitted C, score by score, on every position of the
    /// text (the first ones reach before its start; a recurrent model is read from reset).
    @Test(.enabled(if: ExternalCommand.find("cc") != nil, "needs a C compiler (scripts/setup.sh installs gcc)"), arguments: families)
    func theDiscreteModelTheCircuitAndTheEmittedCAgree(family name: String) throws {
        let model = TrainedModel(try Self.family(name).sample(text: Self.text, seed: 9))
        let bytes = Self.text.bytes, positions = 0..<bytes.count
        let discrete = try model.discreteScores(of: positions, in: bytes)
        let aig = try model.circuit(nodeNames: true)
        let circuit = try CircuitLanguageModel(aig)
        #expect(try circuit.scores(of: positions, in: bytes) == discrete)
        // The emitted C against the simulated AIG, output bit by output bit: a window model on the
        // contexts of the first 256 positions, a recurrent one on the first 256 bytes from reset.
        let count = 256
        var inputs = PatternSet(signalCount: 8, patternCount: count)
        if circuit.isRecurrent {
            for t in 0..<count { for b in 0..<8 where bytes[t] >> b & 1 == 1 { inputs[b, t] = true } }
        } else {
            inputs = circuit.inputPatterns(of: 0..<count, in: bytes)
        }
        #expect(try EmittedCProgram.run(aig, inputs: inputs) == Simulator(aig).simulateTrace(inputs))
        #expect(Set(discrete).count > 1, "a sample whose scores never change checks little")
    }

    /// Evaluation gives finite bits per byte for the discrete model and the circuit, equal to
    /// each other (the circuit is the discrete model), and reports what is learned, counted or written.
    @Test(arguments: families)
    func evaluationAndItsDescription(family name: String) throws {
        let model = TrainedModel(try Self.family(name).sample(text: Self.text, seed: 2))
        let split = CorpusSplit(Self.text)
        let e = try model.evaluate(on: Self.text.bytes, positions: split.validation)
        #expect(e.discreteBitsPerByte.isFinite && e.discreteBitsPerByte > 0 && abs(e.discreteBitsPerByte - e.circuitBitsPerByte) < 1e-9)
        #expect(e.bytes == split.validation.count && e.ands > 0)
        #expect(!(model.learnedMechanisms + model.countedMechanisms).isEmpty || model.writtenMechanisms != nil)
        #expect(!model.size.isEmpty && model.size.allSatisfy { $0.value.isFinite })
        #expect(model.training.corpus?.bytes == Self.text.bytes.count)
    }
}
