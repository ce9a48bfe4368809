import Foundation
import SymbolicHarness
import Testing

/// The Workbench tools on a small store and text, including the refusals.
@Suite struct WorkbenchTests {
    /// The dev split's size, from an evaluation.
    static func devPositions(_ bench: Workbench) async throws -> Int { try await bench.evaluate(split: .dev).positions }

    static func message(_ body: () async throws -> Void) async -> String? {
        do { try await body(); return nil } catch { return String(describing: error) }
    }

    @Test func readerToolsDescribeTheHead() async throws {
        let (bench, _) = try HarnessFixtures.workbench()
        let listing = try await bench.get()
        #expect(listing.version == 1 && listing.parent == 0 && listing.text.hasPrefix(" 1 | symtx 1\n"))
        let layer = try await bench.get(section: "layer 2")
        #expect(layer.text.hasPrefix("14 | layer 2\n") && !layer.text.contains("unembed"))
        #expect(await Self.message { _ = try await bench.get(section: "layer 9") }?.contains("its sections are header, labels, layer 1, layer 2, unembed") == true)
        #expect(await Self.message { _ = try await bench.get(version: 5) }?.contains("versions 1...1") == true)

        let e = try await bench.evaluate(split: .devSmall)
        #expect(e.version == 1 && e.deltaVsBest == 0 && e.bestVersion == 1 && e.bitsPerByte < e.baselines.unigram)
        #expect(e.labels.contains { $0.label == "after_the" })

        let offset = try #require(HarnessFixtures.text()[3200...].firstIndex(of: UInt8(ascii: " "))) + 1 - 3200
        let t = try await bench.trace(split: .dev, offset: offset)
        #expect(t.layers.count == 2 && t.pTarget != nil && t.top.count == 5)
        #expect(t.layers[0].rulesFired.contains("cur"))
        let prompt = try await bench.trace(text: "the cat and the ")
        #expect(prompt.winner == "after_the" && prompt.target == nil)
        #expect(prompt.layers[1].rulesFired == ["after_the"] && prompt.layers[1].added.contains("after_the"))

        let worst = try await bench.worstPositions(split: .dev, limit: 3)
        #expect(worst.positions.count == 3 && worst.positions[0].bits >= worst.positions[2].bits)
        #expect(worst.positions[0].context.before.count <= 40)
        let grouped = try await bench.worstPositions(split: .dev, limit: 50, groupBy: .winner)
        #expect(abs(grouped.groups.map(\.bitsPerByte).reduce(0, +) - grouped.bitsPerByte) < 1e-9)

        // find_positions: the counts agree with worst_positions' grouping and with each other.
        let afterThe = try await bench.findPositions(where: "has(after_the)", split: .dev)
        let wonByIt = try await bench.findPositions(where: "winner==after_the", split: .dev, limit: 1)
        let notIt = try await bench.findPositions(where: "!has(after_the) && winner!=after_the", split: .dev)
        #expect(afterThe.matches > 0 && afterThe.matches == wonByIt.matches && wonByIt.positions.count == 1)
        let devCount = try await Self.devPositions(bench)
        #expect(afterThe.matches + notIt.matches == devCount)
        // By rule: after_the is the only writer of its label, so it fired exactly where the label
        // holds; cur fires on every byte of this text, so no position is without a rule.
        let byRule = try await bench.worstPositions(split: .dev, limit: 50, groupBy: .rule)
        #expect(byRule.groups.first { $0.key == "after_the" }?.count == afterThe.matches)
        #expect(byRule.groups.first { $0.key == "cur" }?.count == devCount)
        #expect(Set(byRule.groups.map(\.key)).isSubset(of: ["w_the", "cur", "after_the"]))
        let sampleByRule = try await bench.worstPositions(split: .devSmall, limit: 50, groupBy: .rule)
        #expect(sampleByRule.groups.first { $0.key == "cur" }?.count == HarnessFixtures.text().count / 10)
        let spaces = try await bench.findPositions(where: "target==b:' ' && winner==c.b:*", split: .dev)
        #expect(spaces.positions.allSatisfy { $0.context.target == " " })
        let letters = try await bench.findPositions(where: "target==b:'a'..b:'z'", split: .dev, limit: 1000)
        #expect(letters.positions.allSatisfy { $0.context.target.allSatisfy(\.isLowercase) })
        for bad in ["", "has(x", "winner=a", "has(nolabel)", "target==b:'a' ||", "winner==a b"] {
            #expect(await Self.message { _ = try await bench.findPositions(where: bad, split: .dev) }?.contains("where") == true, "\(bad)")
        }

        let ablation = try await bench.ablate(names: ["cur", "p2", "lower", "nothing"], split: .dev)
        #expect(ablation.ablations[0].delta! > 0.5 && ablation.ablations[1].error?.contains("unknown label p2.b:") == true)
        #expect(ablation.ablations[2].error?.contains("labels item") == true && ablation.ablations[3].error?.contains("no item named") == true)

        let stats = try await bench.labelStats(names: ["w:the", "lower", "zzz", "c.b:'e'"])
        #expect(stats.labels[3].firingRate! > 0 && stats.labels[3].coOccurring?.isEmpty == false)
        #expect(stats.labels[0].firingRate! > 0 && stats.labels[0].bitsAboutNextByte! > 0)
        #expect(stats.labels[1].firingRate! > 0.5 && stats.labels[2].error != nil)

        let check = try await bench.check(text: "symtx 1\nwindow layers=1 span=2\nlabels\nlayer 1\n  rule r any {b:'a' -> +x\n")
        #expect(!check.ok && check.errors[0].line == 5 && check.errors[0].column == 21)
        let semantic = try await bench.check(text: "symtx 1\nwindow layers=1 span=2\nlabels\nlayer 1\n  rule r any {nope} -> +x\nunembed\n  order x\n")
        #expect(!semantic.ok && semantic.errors[0].message.contains("unknown label nope") && semantic.errors[0].line == 5)
        let patched = try await bench.check(patch: "add layer 3\n  rule x any {after_the} -> +y\n")
        #expect(patched.ok && patched.counts?.rules == 4 && patched.patchedText?.contains("rule x") == true)
        // Estimated ANDs: a label no prediction reads costs nothing; one more writer of a
        // prediction label costs gates in the layers.
        let head = try #require(try await bench.check(text: HarnessFixtures.program).estimatedAnds)
        #expect(head.layerAnds > 0 && head.readoutAnds > 0 && head.ands == head.layerAnds + head.readoutAnds)
        let unread = try await bench.check(patch: "add layer 2\n  rule x any {w:the} -> +y\n")
        #expect(unread.ok && unread.estimatedAnds == head)
        // A third layer widens the window (W = L·S + 1), but the predictions read none of it.
        #expect(patched.estimatedAnds == head)
        let writer = try await bench.check(patch: "add layer 2\n  rule more any {w:the} -> +after_the\n")
        #expect(try #require(writer.estimatedAnds).layerAnds > head.layerAnds)
        #expect(semantic.estimatedAnds == nil && check.estimatedAnds == nil)
        let badPatch = try await bench.check(patch: "add layer 2\n  rule x any {after_the -> +y\n")
        #expect(!badPatch.ok && badPatch.errors[0].source == "patch" && badPatch.errors[0].line == 2)
    }

    @Test func editsAreVersionedAndStaleBasesRefused() async throws {
        let (bench, root) = try HarnessFixtures.workbench()
        // Removing the after_the prediction is tried, not stored.
        let tried = try await bench.tryPatch("set unembed\n  order after_the\n", split: .dev)
        #expect(tried.version == nil && tried.parent == 1 && tried.deltaVsParent! > 0)
        #expect(try await bench.history().versions == 1)
        // A second workbench on the same store (a reader in another process) sees the editor's versions.
        let reader = try Workbench(store: VersionStore(root: root, name: "prog"), corpus: HarnessFixtures.text(), role: "reader")

        let worse = try await bench.applyPatch("set unembed\n  order after_the\n", base: 1, note: "drop after_the")
        #expect(worse.version == 2 && worse.status == .reverted && worse.head == 1)
        let better = try await bench.applyPatch("replace after_the\n  rule after_the all {b:' ', d1.w:the} -> +after_the\n", base: 1, note: "space only")
        #expect(better.version == 3 && better.parent == 1)
        let head = await bench.head
        #expect(await Self.message { _ = try await bench.applyPatch("delete p2\n", base: 2, note: "late") }?.contains("stale base") == true)
        #expect(await Self.message { _ = try await bench.applyPatch("delete p2 x\n", base: head, note: "bad") }?.contains("patch 1:11") == true)
        #expect(await Self.message { _ = try await bench.applyPatch("delete p1\n", base: head, note: "breaks") }?.contains("checker") == true)

        let back = try await bench.checkout(2)
        #expect(back.head == 2 && back.previousHead == head)
        let history = try await bench.history(limit: 2)
        let readerHead = try await reader.history().head, readerVersion = try await reader.get().version
        #expect(readerHead == 2 && readerVersion == 2)
        #expect(history.entries[0].status == .checkout && history.entries.count == 2 && history.versions == 3)
        let comparison = try await bench.compare(1, 2, split: .dev, limit: 3)
        #expect(comparison.delta > 0 && !comparison.largestRegressions.isEmpty && comparison.winners.contains { $0.label == "after_the" })

        // The store on disk reopens with the same state.
        let store = try VersionStore(root: root, name: "prog")
        #expect(store.head == 2 && store.versionCount == 3)
        let reopened = try Workbench(store: store, corpus: HarnessFixtures.text())
        #expect(await reopened.head == 2)
    }

    @Test func anUnparsableInitialProgramIsRefused() async throws {
        let message = await Self.message { _ = try HarnessFixtures.workbench(program: "symtx 1\nwindow layers=1 span=1\nlayer 1\n  rule\n") }
        #expect(message?.contains("the initial program does not parse: 4:") == true)
        let empty = await Self.message { _ = try Workbench(store: VersionStore(root: HarnessFixtures.directory(), name: "e"), corpus: HarnessFixtures.text()) }
        #expect(empty?.contains("is empty") == true)
    }
}

/// Head picks in a trace: an induction head copies what followed the last occurrence of the current byte.
@Suite struct TraceHeadTests {
    static let induction = """
        symtx 1
        window layers=2 span=8

        labels
          group byte = b:00..b:ff

        layer 1
          shift p1 offset=1 copy=b:*
          rule query any {byte} -> +q.ind.p1.@self

        layer 2
          head ind span=8 thresh=1 top=1 mode=recent copy=b:* as=ind

        unembed
          order ind.b:*
          smooth dirichlet beta=1.0

        """

    @Test func theHeadPicksThePositionAfterTheLastOccurrence() async throws {
        let (bench, _) = try HarnessFixtures.workbench(text: HarnessFixtures.text(bytes: 1500), program: Self.induction)
        let t = try await bench.trace(text: "abcab")
        #expect(t.winner == "ind.b:'c'" && t.top.count == 5)
        let layer2 = try #require(t.layers.last)
        #expect(layer2.heads.map(\.name) == ["ind"] && layer2.heads[0].picks.count == 1)
        let pick = try #require(layer2.heads[0].picks.first)
        #expect(pick.position == 2 && pick.distance == 2 && pick.byte == "c" && pick.copied == ["ind.b:'c'"])
        #expect(t.layers[0].rulesFired == ["query"] && t.layers[0].added.contains("q.ind.p1.b:'b'"))
        // No earlier "x": the head finds nothing and writes ind.none; the winner falls back to the unigram.
        let none = try await bench.trace(text: "abx")
        #expect(none.layers.last?.heads.first?.picks == [] && none.layers.last?.added == ["ind.none"] && none.winner == "unigram")
    }
}
