import Circuits
import Testing

/// A header may declare far more than its file holds (binary inputs take no bytes at all):
/// every count is bounded by `AIGERReader.maximumVariables` and the machine's memory before
/// anything is allocated, and the error says which field and why.
@Suite struct AIGERHeaderLimitTests {
    static func read(_ text: String) -> AIGERError? {
        do { _ = try AIGERReader.read(bytes: Array(text.utf8)); return nil } catch { return error }
    }

    @Test(arguments: [
        ("aig 2147483647 2147483647 0 0 0\n", "M (the maximum variable index)"),
        ("aig 67108865 67108865 0 0 0\n", "M (the maximum variable index)"),
        ("aag 5 1 0 3000000000 0\n2\n", "O (the number of outputs)"),
        ("aag 5 1 0 0 0 99999999999\n", "B (the number of bad-state properties)"),
        ("aig 4294967295 0 4294967295 0 0\n", "M (the maximum variable index)"),
        ("aag 10 0 0 0 0 0 0 100000000\n", "J (the number of justice properties)"),
    ])
    func headerBombsFailCleanly(header: String, field: String) throws {
        let error = try #require(Self.read(header))
        #expect(error.description.contains(field) || error.description.contains("M ="), "\(error)")
    }

    /// At the limit a binary header of inputs only is a real (if useless) circuit: no bytes, no allocation.
    @Test func theLimitItselfIsAccepted() throws {
        let aig = try AIGERReader.read(bytes: Array("aig \(AIGERReader.maximumVariables) \(AIGERReader.maximumVariables) 0 0 0\n".utf8))
        #expect(aig.inputCount == AIGERReader.maximumVariables && aig.andCount == 0)
    }

    /// A claim of many ANDs, latches or outputs in a short file is a truncation error, found without allocating for the claim.
    @Test func claimsLongerThanTheFileAreTruncations() throws {
        for header in ["aig 60000000 0 0 0 60000000\n", "aig 60000000 0 60000000 0 0\n", "aag 3 0 0 60000000 0\n"] {
            let error = try #require(Self.read(header))
            #expect(!error.description.isEmpty)
        }
    }
}
