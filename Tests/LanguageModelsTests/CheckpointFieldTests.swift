import Foundation
import LanguageModels
import Learning
import Testing
import Text
import _TestSupport

/// Every family saved as a checkpoint, crafted field by field: each number in the metadata is
/// replaced by values no field allows (−1, −10³⁰, 10³⁰); each must be refused by some of them,
/// and every refusal names the field. A family added to `ModelFamilies.all` is checked here
/// through its `sample`, with nothing to write. (A family written as text — the symbolic
/// programs — has no checkpoint; its limits are the checker's, tested in SymbolicTests.)
@Suite struct CheckpointFieldTests {
    static let families = ModelFamilies.all.filter { $0.checkpointKind != nil }.map { String(describing: $0) }
    static let badValues = ["-1", "-1e30", "1e30"]

    @Test(arguments: families)
    func everyNumberOutOfRangeIsRefusedByName(family name: String) throws {
        let family = FamilyConformanceTests.family(name)
        let dir = try TemporaryDirectory()
        let path = dir.file("m.gatelm")
        try family.sample(text: FamilyConformanceTests.text, seed: 4).write(to: path)
        let file = try Checkpoint.read(from: path)
        _ = try family.model(file: file, source: "intact")   // the untouched file loads
        let numbers = JSONNumber.all(in: file.metadata)
        #expect(numbers.count >= 10, "\(numbers.map(\.path))")
        for number in numbers {
            var refusedBy = [String]()
            for bad in Self.badValues {
                var crafted = file
                crafted.metadata.replaceSubrange(number.range, with: bad)
                do { _ = try family.model(file: crafted, source: "crafted") } catch {
                    #expect("\(error)".contains(number.field), "\(name): \(number.path) = \(bad) refused without naming it: \(error)")
                    refusedBy.append(bad)
                }
            }
            #expect(!refusedBy.isEmpty, "\(name): \(number.path) accepts \(Self.badValues)")
        }
    }
}
