import Foundation
import GateLMSupport
import Testing

@Suite struct AtomicFileTests {
    @Test func replacesTheFileAndLeavesNoTemporary() throws {
        let dir = try InputFileTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try AtomicFile.write("one", to: "\(dir)/out.txt")
        try AtomicFile.write("two", to: "\(dir)/out.txt")
        #expect(try String(contentsOfFile: "\(dir)/out.txt", encoding: .utf8) == "two")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.txt"])
    }

    /// A write killed half-way leaves `.NAME.tmp-PID-RANDOM`; the next write to NAME removes it
    /// when that process is gone, and leaves a live writer's alone.
    @Test func removesTemporariesOfDeadWriters() throws {
        let dir = try InputFileTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        let dead = child.processIdentifier
        let stale = "\(dir)/.out.bin.tmp-\(dead)-1234", live = "\(dir)/.out.bin.tmp-1-5678", other = "\(dir)/.other.tmp-\(dead)-1"
        for path in [stale, live, other] { try Data([0]).write(to: URL(fileURLWithPath: path)) }
        try AtomicFile.write([1, 2, 3], to: "\(dir)/out.bin")
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: dir))
        #expect(left == ["out.bin", ".out.bin.tmp-1-5678", ".other.tmp-\(dead)-1"])
    }

    /// The scan for stale temporaries reads each directory entry in place, up to its name's NUL:
    /// copying a whole `dirent` read past a short entry at the end of readdir's buffer (a crash
    /// seen once in a clean-clone run). Whether that faults depends on where the buffer ends, so
    /// this is a smoke test over thousands of entries of every name length, not a sure repro.
    @Test func scansADirectoryOfManyEntriesOfEveryNameLength() throws {
        let dir = try InputFileTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for k in 0..<3000 {
            let name = String(k) + String(repeating: "x", count: k % 200)
            #expect(FileManager.default.createFile(atPath: "\(dir)/\(name)", contents: nil), "\(name)")
        }
        for k in 0..<20 { try AtomicFile.write([UInt8(k)], to: "\(dir)/out\(k).bin") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).count == 3020)
    }

    @Test func failsWithTheReasonAndWritesNothing() throws {
        let dir = try InputFileTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect { try AtomicFile.write("x", to: "\(dir)/missing/out") } throws: { "\($0)".contains("ENOENT") }
        #expect(AtomicFile.creationFailure(at: "\(dir)/missing/out")?.contains("ENOENT") == true)
        #expect(AtomicFile.creationFailure(at: "\(dir)/fine") == nil)
        #expect(AtomicFile.creationFailure(at: dir)?.contains("EISDIR") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }
}
