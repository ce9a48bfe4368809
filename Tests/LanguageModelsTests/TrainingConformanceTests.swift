import ArgumentParser
import Foundation
import GateLMSupport
import LanguageModels
import Learning
import Testing
import Text
import _TestSupport

/// One suite over every kind `gatelm train` trains (`ModelFamilies.trainings`): a kind added
/// there is trained, resumed and checked here with nothing else to write than its
/// `sampleArguments` and `changedModelArguments`.
@Suite struct TrainingConformanceTests {
    static let kinds = ModelFamilies.trainings.map { $0.name }
    static func kind(_ name: String) -> any FamilyTraining.Type { ModelFamilies.trainings.first { $0.name == name }! }

    @Test func theKindsAreNamedOnce() {
        #expect(Set(Self.kinds).count == Self.kinds.count && Set(Self.kinds).isSuperset(of: ["gates", "hybrid", "ternary"]))
    }

    static func run(_ path: String, steps: Int) throws -> TrainingRun {
        TrainingRun(corpus: try TrainingCorpus(FamilyConformanceTests.text), steps: steps, seconds: nil, threads: 1,
                    validationInterval: 1e6, checkpointPath: path)
    }

    /// Trains the sample two steps, then: every option `--resume` compares has a changed example,
    /// and each changed option is refused by name; so is another `--seed`; the same options
    /// (the seed stated or not) continue from the saved step.
    @Test(arguments: kinds)
    func resumeContinuesAndRefusesEveryChangedOption(kind name: String) throws {
        try Self.checkResume(Self.kind(name))
    }

    static func checkResume<Kind: FamilyTraining>(_ kind: Kind.Type) throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("m.gatelm")
        let options = try Kind.Options.parse(Kind.sampleArguments)
        var run = try Self.run(path, steps: 2)
        let (state, optimizer) = try Kind.start(options: options, seed: nil, resume: false, run: run)
        let trained = try Kind.train(state, optimizer: optimizer, options: options, run: run) { _ in }
        #expect(trained.training.step == 2 && FileManager.default.fileExists(atPath: path))

        let compared = Kind.modelOptions(options, savedIn: trained).map(\.option)
        #expect(Set(compared) == Set(Kind.changedModelArguments.map { $0[0] }),
                "\(Kind.name): each option --resume compares needs one changed example, and only those")
        for changed in Kind.changedModelArguments {
            let changedOptions = try Kind.Options.parse(Kind.sampleArguments + changed)
            #expect(Kind.modelOptions(changedOptions, savedIn: trained).contains { $0.option == changed[0] && $0.differs },
                    "\(Kind.name): \(changed) does not differ from the sample")
            #expect { _ = try Kind.start(options: changedOptions, seed: nil, resume: true, run: run) } throws: { error in
                "\(error)".contains("\(changed[0]) \(changed[1])") && "\(error)".contains("--resume")
            }
        }
        #expect { _ = try Kind.start(options: options, seed: 7, resume: true, run: run) } throws: { "\($0)".contains("--seed 7 (the model has 1)") }

        run.steps = 3
        let (resumed, resumedOptimizer) = try Kind.start(options: options, seed: 1, resume: true, run: run)
        #expect(resumed.training.step == 2)
        let more = try Kind.train(resumed, optimizer: resumedOptimizer, options: options, run: run) { _ in }
        #expect(more.training.step == 3)
    }

    /// A model of another kind is not continued: the message names the kind that continues it.
    @Test(arguments: kinds)
    func aModelOfAnotherKindIsNotResumed(kind name: String) throws {
        try Self.checkOtherKinds(Self.kind(name))
    }

    static func checkOtherKinds<Kind: FamilyTraining>(_ kind: Kind.Type) throws {
        let dir = try TemporaryDirectory()
        let options = try Kind.Options.parse(Kind.sampleArguments)
        var checked = 0
        for family in ModelFamilies.all where family.checkpointKind != nil {
            let sample = try family.sample(text: FamilyConformanceTests.text, seed: 3)
            guard sample.family != Kind.name else { continue }
            let path = dir.file("\(sample.family).gatelm")
            try sample.write(to: path)
            #expect { _ = try Kind.start(options: options, seed: nil, resume: true, run: Self.run(path, steps: 1)) } throws: {
                "\($0)".contains("gatelm train \(sample.family) --resume")
            }
            checked += 1
        }
        #expect(checked >= 1)
    }

    /// A fresh model too large for the machine is refused before anything is allocated.
    @Test func aModelBeyondTheMachineIsRefusedBeforeItIsMade() throws {
        let dir = try TemporaryDirectory()
        let options = try GateNetworkOptions.parse(["--widths", "16777216,16777216,16777216", "--group-size", "65536", "--hashed-orders", "none"])
        #expect { _ = try GatesTraining.start(options: options, seed: nil, resume: false, run: Self.run(dir.file("m"), steps: 1)) } throws: {
            "\($0)".contains("would need")
        }
    }
}
