import Foundation
import Symbolic
import SymbolicHarness
import Testing

/// The unattended search: every try is a version in the store, kept ones lower dev, HEAD is the
/// best, and on a text with structure it finds improvements.
@Suite struct SymbolicSearchTests {
    static let program = """
        symtx 1
        window layers=1 span=4

        labels
          group lower = b:'a'..b:'z'
          group blank = b:' ' | b:0a

        layer 1
          shift p1 offset=1 copy=b:*,lower
          shift p2 offset=2 copy=b:*
          rule after_letter all {p1.lower} -> +l.@self
          rule cur any {lower, blank} -> +c.@self

        unembed
          order l.b:* > c.b:*
          smooth dirichlet beta=1.0

        """

    /// Tries the search gets: enough for the gain asserted below on this text, and fewer than
    /// it would make unbounded (8, all kept, before its candidates run out), so the budget binds.
    static let tries = 4

    @Test func theSearchKeepsOnlyWhatLowersDevAndLogsEveryTry() throws {
        let root = HarnessFixtures.directory()
        var store = try VersionStore(root: root, name: "search")
        try store.commit(Self.program, parent: 0, devSmall: nil, dev: nil, status: .kept, role: "test", note: "start")
        let splits = try CorpusSplits(bytes: HarnessFixtures.text(bytes: 20_000))
        // A budget in tries, not seconds: the same search on any machine, however loaded.
        var options = SymbolicSearch.Options(seconds: .infinity, maximumTries: Self.tries)
        options.candidatesPerRound = 4
        var search = SymbolicSearch(scoring: ProgramScoring(splits: splits), store: store, options: options)
        var heard = 0
        let outcome = try search.run { _ in heard += 1 }
        #expect(heard == outcome.steps.count && outcome.steps.count == Self.tries, "\(outcome.steps.count) tries")
        #expect(outcome.finalDevBitsPerByte < outcome.startDevBitsPerByte - 0.05, "\(outcome.startDevBitsPerByte) -> \(outcome.finalDevBitsPerByte)")
        // Kept steps each lower dev below every earlier kept score; reverted ones move nothing.
        var best = outcome.startDevBitsPerByte
        for step in outcome.steps {
            if step.kept { #expect(step.devBitsPerByte < best - options.minimumGain); best = step.devBitsPerByte }
            else { #expect(step.devBitsPerByte >= best - options.minimumGain) }
        }
        #expect(best == outcome.finalDevBitsPerByte)
        // The store, reopened from disk: one version per try, statuses as logged, HEAD the last kept.
        let reopened = try VersionStore(root: root, name: "search")
        #expect(reopened.versionCount == 1 + outcome.steps.count)
        for step in outcome.steps { #expect(reopened.entry(of: step.version)?.status == (step.kept ? .kept : .reverted)) }
        #expect(reopened.head == outcome.steps.last(where: \.kept)?.version)
        let head = try SymbolicProgram(parsing: reopened.text(of: reopened.head))
        #expect(!head.check().contains { $0.severity == .error })
        var scoring = ProgramScoring(splits: splits)
        #expect(abs(try scoring.score(head, on: .dev).bitsPerByte - outcome.finalDevBitsPerByte) < 1e-12)
    }
}
