import Foundation
import SymbolicHarness
import Testing

/// The version store: immutable versions, the log, HEAD, and validation on open.
@Suite struct VersionStoreTests {
    static func failure(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch { return String(describing: error) }
    }

    @Test func commitsCheckoutsAndReopens() throws {
        let root = HarnessFixtures.directory()
        var store = try VersionStore(root: root, name: "p")
        #expect(store.head == 0 && store.versionCount == 0)
        try store.commit("one\n", parent: 0, devSmall: 3.5, dev: 3.25, status: .kept, role: "init", note: "first")
        try store.commit("two\n", parent: 1, devSmall: 3.0, dev: nil, status: .kept, role: "editor", note: "tab\there")
        try store.commit("three\n", parent: 2, devSmall: 4.0, dev: 4.0, status: .reverted, role: "editor", note: "worse")
        #expect(store.head == 2)
        try store.checkout(1, role: "editor", note: "undo")
        #expect(store.head == 1)
        let reopened = try VersionStore(root: root, name: "p")
        #expect(reopened.head == 1 && reopened.versionCount == 3 && reopened.log.count == 4)
        #expect(try reopened.text(of: 3) == "three\n")
        #expect(reopened.log[1].note == "tab here" && reopened.log[1].devBitsPerByte == nil)
        #expect(reopened.log[3].status == .checkout && reopened.log[3].parent == 2)
        #expect(FileManager.default.fileExists(atPath: root + "/p/v0003.symtx"))
        #expect(Self.failure { _ = try reopened.text(of: 4) }?.contains("1...3") == true)
        #expect(Self.failure { var s = reopened; try s.checkout(9, role: "editor", note: "") } != nil)
        #expect(Self.failure { var s = reopened; try s.commit("x", parent: 7, devSmall: nil, dev: nil, status: .kept, role: "e", note: "") }?.contains("parent 7") == true)
    }

    @Test func openingValidatesEveryField() throws {
        let root = HarnessFixtures.directory()
        var store = try VersionStore(root: root, name: "p")
        try store.commit("one\n", parent: 0, devSmall: 3.5, dev: 3.25, status: .kept, role: "init", note: "first")
        let log = root + "/p/log.tsv", good = try String(contentsOfFile: log, encoding: .utf8)
        func broken(_ text: String) -> String? {
            try? text.write(toFile: log, atomically: true, encoding: .utf8)
            return Self.failure { _ = try VersionStore(root: root, name: "p") }
        }
        #expect(broken(good.replacingOccurrences(of: "\t3.500000\t", with: "\tx\t"))?.contains("log.tsv:2: field 4 (dev_small_bpb)") == true)
        #expect(broken(good.replacingOccurrences(of: "\tkept\t", with: "\tmaybe\t"))?.contains("log.tsv:2: field 6 (status)") == true)
        #expect(broken(good.replacingOccurrences(of: "1\t0\t", with: "2\t0\t"))?.contains("log.tsv:2: field 1 (version)") == true)
        #expect(broken(good + "1\t0\tt\t-\t-\tkept\n")?.contains("log.tsv:3: expected 8 tab-separated fields") == true)
        #expect(broken("nonsense\n")?.contains("log.tsv:1: expected the header") == true)
        try good.write(toFile: log, atomically: true, encoding: .utf8)
        try "7\n".write(toFile: root + "/p/HEAD", atomically: true, encoding: .utf8)
        #expect(Self.failure { _ = try VersionStore(root: root, name: "p") }?.contains("HEAD:1: expected a version in 1...1") == true)
        try "1\n".write(toFile: root + "/p/HEAD", atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: root + "/p/v0001.symtx")
        #expect(Self.failure { _ = try VersionStore(root: root, name: "p") }?.contains("v0001.symtx: missing") == true)
        #expect(Self.failure { _ = try VersionStore(root: root, name: "../x") }?.contains("store name") == true)
    }
}
