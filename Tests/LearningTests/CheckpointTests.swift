import Foundation
import Testing
import Learning
import _TestSupport

@Suite struct CheckpointTests {
    static let sample = Checkpoint(metadata: #"{"layers":2,"note":"größe"}"#, tensors: [
        NamedTensor(name: "layer0.logits", tensor: .float32([1.5, -2, .pi, 0, -0.0])),
        NamedTensor(name: "layer0.first", tensor: .uint32([0, 7, .max])),
        NamedTensor(name: "embedding.bits", tensor: .uint8([1, 0, 255])),
        NamedTensor(name: "empty", tensor: .float32([])),
    ])

    @Test func roundTripsThroughBytesAndFiles() throws {
        let bytes = Self.sample.encoded()
        #expect(try Checkpoint(decoding: bytes) == Self.sample)
        let directory = try TemporaryDirectory()
        let path = directory.file("model.ckpt")
        try Self.sample.write(to: path)
        let read = try Checkpoint.read(from: path)
        #expect(read == Self.sample)
        #expect(try read.float32("layer0.logits") == [1.5, -2, .pi, 0, -0.0])
        #expect(try read.uint32("layer0.first") == [0, 7, .max])
        #expect(try read.uint8("embedding.bits") == [1, 0, 255])
        #expect(throws: CheckpointError.self) { try read.float32("layer0.first") }
        #expect(throws: CheckpointError.self) { try read.uint8("missing") }
        #expect((try FileManager.default.contentsOfDirectory(atPath: directory.path)) == ["model.ckpt"])
    }

    @Test func subscriptReplacesAppendsAndRemoves() {
        var checkpoint = Self.sample
        checkpoint["empty"] = .uint8([9])
        checkpoint["new"] = .uint32([1])
        checkpoint["layer0.first"] = nil
        #expect(checkpoint.tensors.map(\.name) == ["layer0.logits", "embedding.bits", "empty", "new"])
        #expect(checkpoint["empty"] == .uint8([9]))
    }

    @Test func everyTruncationIsReportedAsTruncated() {
        let bytes = Self.sample.encoded()
        for length in 0..<bytes.count {
            do {
                _ = try Checkpoint(decoding: Array(bytes[..<length]), source: "x.ckpt")
                Issue.record("a checkpoint truncated to \(length) bytes was accepted")
            } catch let error as CheckpointError {
                #expect(error.description.hasPrefix("x.ckpt: truncated"), "\(error)")
                #expect(error.offset != nil)
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
    }

    @Test func everyFlippedByteIsCaught() {
        let bytes = Self.sample.encoded()
        for position in 0..<bytes.count {
            var corrupted = bytes
            corrupted[position] ^= 0x10
            #expect(throws: CheckpointError.self, "flip at byte \(position)") { try Checkpoint(decoding: corrupted) }
        }
        var corrupted = bytes
        corrupted[40] ^= 1
        #expect(throws: CheckpointError(source: "checkpoint", offset: bytes.count - 8,
                                        reason: "corrupted: checksum mismatch (the contents were changed after writing)")) {
            try Checkpoint(decoding: corrupted)
        }
    }

    @Test func wrongMagicVersionAndTrailingBytesAreNamed() {
        let bytes = Self.sample.encoded()
        var other = bytes
        other[0] = UInt8(ascii: "X")
        #expect(errorText(other).contains("not a GateLM checkpoint"))
        var newer = bytes
        newer[8] = 2
        #expect(errorText(newer).contains("unsupported format version 2"))
        #expect(errorText(bytes + [0]).contains("1 unexpected bytes after"))
        #expect(errorText(Array("hello".utf8)).contains("not a GateLM checkpoint"))
    }

    @Test func missingFileIsAClearError() {
        #expect(errorText(path: "/nonexistent/dir/model.ckpt") == "/nonexistent/dir/model.ckpt: cannot read the file: No such file or directory (ENOENT)")
    }

    private func errorText(_ bytes: [UInt8]) -> String {
        do { _ = try Checkpoint(decoding: bytes); return "" } catch { return "\(error)" }
    }

    private func errorText(path: String) -> String {
        do { _ = try Checkpoint.read(from: path); return "" } catch { return "\(error)" }
    }
}
