import Foundation
import GateLMSupport
import Testing

@Suite struct InputFileTests {
    static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gatelm-input-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func readsRegularFilesWhole() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try Data(bytes).write(to: URL(fileURLWithPath: "\(dir)/f"))
        #expect(try InputFile.read("\(dir)/f") == bytes)
        try Data().write(to: URL(fileURLWithPath: "\(dir)/empty"))
        #expect(try InputFile.read("\(dir)/empty").isEmpty)
    }

    @Test func refusesWithTheSystemsReason() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect { try InputFile.read("\(dir)/missing") } throws: { ($0 as? InputFile.Failure)?.reason.contains("ENOENT") == true }
        #expect { try InputFile.read(dir) } throws: { ($0 as? InputFile.Failure)?.reason.contains("EISDIR") == true }
        #expect { try InputFile.read("\(dir)/missing/below") } throws: { ($0 as? InputFile.Failure)?.code == ENOENT }
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: "\(dir)/f"))
        #expect { try InputFile.read("\(dir)/f/below") } throws: { ($0 as? InputFile.Failure)?.reason.contains("ENOTDIR") == true }
        #expect { try InputFile.read("\(dir)/f", limit: 2) } throws: { ($0 as? InputFile.Failure)?.reason.contains("more than the 2") == true }
    }

    /// A FIFO is read to its end once a writer has written and closed it (not "empty", not forever).
    @Test func readsAFIFOToItsEnd() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fifo = "\(dir)/fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        let payload = Array(repeating: UInt8(ascii: "x"), count: 300_000)
        let writer = Thread {
            let fd = open(fifo, O_WRONLY)
            payload.withUnsafeBytes { raw in
                var done = 0
                while done < raw.count { let n = write(fd, raw.baseAddress! + done, raw.count - done); if n <= 0 { break }; done += n }
            }
            close(fd)
        }
        writer.start()
        #expect(try InputFile.read(fifo) == payload)
    }

    @Test func describesErrnoByName() {
        #expect(SystemError.describe(EACCES).hasSuffix("(EACCES)"))
        #expect(SystemError.describe(ENOENT).contains("No such file"))
    }
}
