import Foundation
import GateLMMCP
import GateLMSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The circuit tools read a `model` only when it is a regular file under the store or an
/// allowed directory; everything else is refused without being opened, and a refusal never
/// quotes the file. Each case reached the file (or hung, or aborted the server) before.
@Suite struct ModelPathTests {
    /// A client whose extra allowed directory holds `model.symtx`, a FIFO, a link out and a large file.
    static func setUp() async throws -> (client: TestClient, allowed: String, outside: String) {
        let allowed = MCPFixtures.directory(), outside = MCPFixtures.directory()
        try MCPFixtures.program.write(toFile: allowed + "/model.symtx", atomically: true, encoding: .utf8)
        try "SECRET-CONTENT-42\n".write(toFile: outside + "/secret.symtx", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: allowed + "/escape.symtx", withDestinationPath: outside + "/secret.symtx")
        try FileManager.default.createSymbolicLink(atPath: allowed + "/inside-link.symtx", withDestinationPath: allowed + "/model.symtx")
        #expect(mkfifo(allowed + "/fifo.symtx", 0o600) == 0)
        let big = try #require(FileHandle(forWritingAtPath: { FileManager.default.createFile(atPath: allowed + "/big.aig", contents: nil); return allowed + "/big.aig" }()))
        try big.truncate(atOffset: 2 << 20)   // sparse, over the fixture's 1 MiB bound
        try big.close()
        return (try await MCPFixtures.client(role: .reader, allow: [allowed]), allowed, outside)
    }

    @Test func aModelInsideAnAllowedDirectoryOrTheStoreIsRead() async throws {
        let (c, allowed, _) = try await Self.setUp()
        for path in [allowed + "/model.symtx", allowed + "/inside-link.symtx", allowed + "/../" + URL(fileURLWithPath: allowed).lastPathComponent + "/model.symtx",
                     c.storeDirectory + "/v0001.symtx"] {
            let trace = try await c.call("circuit_trace", ["prompt": "the cat", "model": .string(path)])
            #expect(!trace.isError, "\(path): \(trace.text.prefix(300))")
        }
    }

    /// An interchange directory (config.json + model.safetensors: a fuzz seed split in two) is read
    /// file by file under the same confinement: inside an allowed directory it is a model, outside it is refused.
    @Test func anInterchangeDirectoryIsReadOnlyInsideTheRoots() async throws {
        let (c, allowed, outside) = try await Self.setUp()
        let seed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fuzz/corpus/interchange/k2-one-layer.bin")
        let bytes = try [UInt8](Data(contentsOf: seed))
        let n = Int(bytes[0]) | Int(bytes[1]) << 8
        for root in [allowed, outside] {
            try FileManager.default.createDirectory(atPath: root + "/model", withIntermediateDirectories: true)
            try Data(bytes[2 ..< 2 + n]).write(to: URL(fileURLWithPath: root + "/model/config.json"))
            try Data(bytes[(2 + n)...]).write(to: URL(fileURLWithPath: root + "/model/model.safetensors"))
        }
        let inside = try await c.call("circuit_trace", ["prompt": "ab a", "model": .string(allowed + "/model")])
        #expect(!inside.isError && inside.text.contains("L1.u"), "\(inside.text.prefix(300))")
        let refused = try await c.call("circuit_trace", ["prompt": "ab a", "model": .string(outside + "/model")])
        #expect(refused.isError && refused.text.contains("outside"), "\(refused.text)")
        // Its k-bit units, as features and as the attribution graph.
        let features = try await c.call("circuit_features", ["model": .string(allowed + "/model"), "positions": 64, "top": 2])
        #expect(!features.isError && features.text.contains("\"level_counts\"") && features.text.contains("L1.u0"), "\(features.text.prefix(300))")
        let units = try await c.call("circuit_attribute", ["prompt": "ab a", "model": .string(allowed + "/model"), "units": true])
        #expect(!units.isError && units.text.contains("\"interventions\""), "\(units.text.prefix(300))")
        let none = try await c.call("circuit_features", ["model": .string(allowed + "/model.symtx")])
        #expect(none.isError && none.text.contains("names no k-bit units"), "\(none.text)")
    }

    @Test(arguments: [
        ("/etc/shadow\u{0}.symtx", "NUL"),
        ("/dev/zero", "outside"),
        ("/dev/urandom", "outside"),
        // Resolves to /dev/null or a pipe that has no path (ENOENT), depending on how the tests run: refused either way.
        ("/dev/stdin", "/dev/stdin'"),
        ("/etc/passwd", "outside"),
        ("", "empty path"),
        ("/nonexistent/model.aig", "No such file"),
    ])
    func pathsOutsideOrSpecialAreRefused(path: String, reason: String) async throws {
        let (c, _, _) = try await Self.setUp()
        let outcome = try await c.call("circuit_trace", ["prompt": "x", "model": .string(path)])
        #expect(outcome.isError && outcome.text.contains(reason), "\(outcome.text)")
        #expect(!outcome.text.contains("root:") && !outcome.text.unicodeScalars.contains { $0.value < 0x20 })
    }

    @Test func specialFilesAndLinksOutInsideAnAllowedDirectoryAreRefused() async throws {
        let (c, allowed, outside) = try await Self.setUp()
        let fifo = try await c.call("circuit_trace", ["prompt": "x", "model": .string(allowed + "/fifo.symtx")])
        #expect(fifo.isError && fifo.text.contains("a FIFO, not a regular file"), "\(fifo.text)")
        let escape = try await c.call("circuit_trace", ["prompt": "x", "model": .string(allowed + "/escape.symtx")])
        #expect(escape.isError && escape.text.contains("outside") && !escape.text.contains("SECRET"), "\(escape.text)")
        let direct = try await c.call("circuit_trace", ["prompt": "x", "model": .string(outside + "/secret.symtx")])
        #expect(direct.isError && direct.text.contains("--allow") && !direct.text.contains("SECRET"), "\(direct.text)")
        let dotdot = try await c.call("circuit_trace", ["prompt": "x", "model": .string(allowed + "/../" + URL(fileURLWithPath: outside).lastPathComponent + "/secret.symtx")])
        #expect(dotdot.isError && dotdot.text.contains("outside"), "\(dotdot.text)")
        let directory = try await c.call("circuit_trace", ["prompt": "x", "model": .string(allowed)])
        #expect(directory.isError && directory.text.contains("a directory"), "\(directory.text)")
        let big = try await c.call("circuit_trace", ["prompt": "x", "model": .string(allowed + "/big.aig")])
        #expect(big.isError && big.text.contains("over the bound of 1048576 bytes"), "\(big.text)")
        // The server still answers after every refusal.
        #expect(try await c.call("history").isError == false)
    }

    @Test func aRootIsNotAPrefixOfItsSiblings() throws {
        let parent = MCPFixtures.directory()
        try FileManager.default.createDirectory(atPath: parent + "/a", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: parent + "/ab", withIntermediateDirectories: true)
        try "x".write(toFile: parent + "/ab/m.aig", atomically: true, encoding: .utf8)
        let files = try ConfinedFile(roots: [parent + "/a"], maximumBytes: 100)
        #expect(throws: ConfinedFile.Refusal.self) { try files.read(parent + "/ab/m.aig") }
        #expect(throws: ConfinedFile.Refusal.self) { try ConfinedFile(roots: [parent + "/missing"], maximumBytes: 1) }
    }
}
