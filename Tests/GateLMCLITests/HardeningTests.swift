import Circuits
import Foundation
import GateLMSupport
import Testing
import _TestSupport

/// Bad files and risky training runs, as an adversarial user tries them: each gets a clear
/// error, a non-zero exit, and no output file; nothing is overwritten by accident.
@Suite struct HardeningTests {
    /// The interpretability tests' tiny model in `dir`, and its corpus.
    static func trainedModel(_ dir: TemporaryDirectory) throws -> (model: String, corpus: String) {
        (try InterpretCommandTests.trainedModel(dir).model, dir.file("corpus.txt"))
    }

    @Test func trainingNeverOverwritesOrIgnoresSilently() throws {
        let dir = try TemporaryDirectory()
        let (model, corpus) = try Self.trainedModel(dir)
        let saved = try Data(contentsOf: URL(fileURLWithPath: model))

        let again = try GateLMProcess.run(["train", "gates", "--corpus", corpus, "--steps", "3", "--out", model] + LanguageModelCommandTests.tiny)
        #expect(again.status == 1 && again.stderr.contains("--resume") && again.stderr.contains("--force"), "\(again.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: model)) == saved)

        let changed = try GateLMProcess.run(["train", "gates", "--corpus", corpus, "--steps", "5", "--out", model, "--resume", "--context", "5"])
        #expect(changed.status == 1 && changed.stderr.contains("--context 5 (the model has 3)"), "\(changed.stderr)")

        let otherCorpus = dir.file("other.txt")
        try String(repeating: "a different text for a different model. ", count: 30).write(toFile: otherCorpus, atomically: true, encoding: .utf8)
        let otherText = try GateLMProcess.run(["train", "gates", "--corpus", otherCorpus, "--steps", "5", "--out", model, "--resume"])
        #expect(otherText.status == 1 && otherText.stderr.contains("was trained on corpus.txt"), "\(otherText.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: model)) == saved)

        let replaced = try GateLMProcess.run(["train", "gates", "--corpus", corpus, "--steps", "2", "--out", model, "--force"] + LanguageModelCommandTests.tiny)
        #expect(replaced.status == 0, "\(replaced.stderr)")

        // A missing directory fails before the first step, with the reason.
        let missing = try GateLMProcess.run(["train", "gates", "--corpus", corpus, "--minutes", "60", "--out", dir.file("no/such/dir/m.gatelm")])
        #expect(missing.status == 1 && missing.stderr.contains("ENOENT") && !missing.stdout.contains("step"), "\(missing.stderr)")

        let tooSmall = dir.file("small.txt")
        try "tiny".write(toFile: tooSmall, atomically: true, encoding: .utf8)
        for arguments in [["train", "gates", "--corpus", tooSmall, "--steps", "2", "--out", dir.file("s.gatelm")], ["eval", model, "--corpus", tooSmall]] {
            let result = try GateLMProcess.run(arguments)
            #expect(result.status == 1 && result.stderr.contains("at least 16"), "\(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.file("s.gatelm")))
    }

    @Test func filesThatCannotBeReadSayWhy() throws {
        let dir = try TemporaryDirectory()
        for (arguments, reason) in [(["stats", dir.file("missing.aig")], "ENOENT"), (["stats", dir.path], "EISDIR"),
                                    (["trace", dir.file("missing.gatelm"), "--prompt", "x"], "ENOENT"),
                                    (["train", "gates", "--corpus", dir.path, "--steps", "1", "--out", dir.file("m.gatelm")], "EISDIR")] {
            let result = try GateLMProcess.run(arguments)
            #expect((1...2).contains(result.status) && result.stderr.contains(reason), "\(arguments): \(result.stderr)")
        }
        // A 32-byte header declaring 2³¹ inputs is refused at once rather than allocated.
        try Data("aig 2147483647 2147483647 0 0 0\n".utf8).write(to: URL(fileURLWithPath: dir.file("bomb.aig")))
        let bomb = try GateLMProcess.run(["stats", dir.file("bomb.aig")])
        #expect(bomb.status != 0 && bomb.stderr.contains("more than the"), "\(bomb.stderr)")
        let noCompiler = try GateLMProcess.run(["demo", "--out", dir.file("demo"), "--cc", "/nonexistent/cc"])
        #expect(noCompiler.status == 1 && noCompiler.stderr.contains("/nonexistent/cc"), "\(noCompiler.stderr)")
    }

    /// `-` reads standard input, for models, circuits and corpora alike; a pipe is read to its end.
    @Test func standardInputIsAFile() throws {
        let dir = try TemporaryDirectory()
        let (model, corpus) = try Self.trainedModel(dir)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: model))
        let generated = try ExternalCommand.run(GateLMProcess.path, ["generate", "-", "--prompt", "the ", "--bytes", "8", "--greedy"], input: bytes)
        #expect(generated.status == 0 && generated.stdout.hasPrefix("the "), "\(generated.stderr)")
        let compile = try GateLMProcess.run(["compile", model, "-o", dir.file("m.aag")])
        #expect(compile.status == 0)
        let stats = try ExternalCommand.run(GateLMProcess.path, ["stats", "-"], input: try Data(contentsOf: URL(fileURLWithPath: dir.file("m.aag"))))
        #expect(stats.status == 0 && stats.stdout.contains("ands"), "\(stats.stderr)")
        let eval = try ExternalCommand.run(GateLMProcess.path, ["eval", model, "--corpus", "-"], input: try Data(contentsOf: URL(fileURLWithPath: corpus)))
        #expect(eval.status == 0 && eval.stdout.contains("bits/byte"), "\(eval.stderr)")
    }
}

/// Outputs that are not regular files: a device or a pipe is written through and stays what it
/// is (never replaced by a file), a full device fails the command. Devices are private twins
/// made with mknod in a temporary directory (root only); the system's /dev is never touched.
extension HardeningTests {
    static let isRoot = getuid() == 0

    /// Linux's makedev(major, minor) for small numbers (the C macro is not visible to Swift).
    static func deviceNumber(_ major: UInt64, _ minor: UInt64) -> dev_t { dev_t(major << 8 | minor) }

    /// The file type bits of `path` (not following a link).
    static func fileType(_ path: String) -> mode_t? {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : nil
    }

    /// A small circuit file in `dir`.
    static func smallCircuit(_ dir: TemporaryDirectory) throws -> String {
        let path = dir.file("small.aig")
        try Data(AIGERWriter.write(AIG.random(inputs: 4, ands: 20, seed: 1), format: .binary)).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test(.enabled(if: isRoot)) func outputsToDevicesAreWrittenThrough() throws {
        let dir = try TemporaryDirectory()
        let circuit = try Self.smallCircuit(dir)
        let null = dir.file("null"), full = dir.file("full")
        #expect(mknod(null, S_IFCHR | 0o666, Self.deviceNumber(1, 3)) == 0 && mknod(full, S_IFCHR | 0o666, Self.deviceNumber(1, 7)) == 0)

        let discarded = try GateLMProcess.run(["emit", "verilog", circuit, "-o", null])
        #expect(discarded.status == 0, "\(discarded.stderr)")
        #expect(Self.fileType(null) == S_IFCHR)

        let noSpace = try GateLMProcess.run(["emit", "verilog", circuit, "-o", full])
        #expect(noSpace.status != 0 && noSpace.stderr.contains("cannot write \(full): No space left on device (ENOSPC)"), "\(noSpace.stderr)")
        #expect(Self.fileType(full) == S_IFCHR)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: dir.path)) == ["small.aig", "null", "full"])
    }

    /// `-o /proc/self/fd/1` (what /dev/stdout links to) writes into the pipe the test reads.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/fd"))) func outputToStandardOutputByItsLink() throws {
        let dir = try TemporaryDirectory()
        let circuit = try Self.smallCircuit(dir)
        let result = try GateLMProcess.run(["emit", "verilog", circuit, "-o", "/proc/self/fd/1"])
        #expect(result.status == 0 && result.stdout.contains("module small"), "\(result.stderr)")
    }

    /// `-o /dev/stdout` and `-o -` when standard output is a file opened by `>>`: appended to, as
    /// it is open, not replaced by a new file (which would drop what was there).
    @Test func outputToStandardOutputKeepsItsAppendMode() throws {
        let dir = try TemporaryDirectory()
        let circuit = try Self.smallCircuit(dir)
        let log = dir.file("log.txt")
        try "before\n".write(toFile: log, atomically: true, encoding: .utf8)
        for name in ["/dev/stdout", "-"] {
            let result = try ExternalCommand.run("/bin/sh", ["-c", "\"$0\" emit verilog \"$1\" -o \"$2\" >> \"$3\"", GateLMProcess.path, circuit, name, log])
            #expect(result.status == 0, "\(name): \(result.stderr)")
        }
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(text.hasPrefix("before\n") && text.components(separatedBy: "module small").count == 3, "\(text.prefix(200))")
    }

    /// A gate-network checkpoint whose training record says batch 7 (not a multiple of 16):
    /// `--resume` refuses it by name, with no crash, and leaves the file as it was.
    @Test func resumingACraftedBatchIsRefused() throws {
        let dir = try TemporaryDirectory()
        let (model, corpus) = try Self.trainedModel(dir)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: model)))
        let from = Array(#""batch":64"#.utf8), to = Array(#""batch":7 "#.utf8)
        let at = try #require((0...(bytes.count - from.count)).first { bytes[$0..<($0 + from.count)].elementsEqual(from) })
        bytes.replaceSubrange(at..<(at + from.count), with: to)
        // The same length, so only the trailing FNV-1a checksum changes.
        let checksum = bytes.withUnsafeBytes { FNV1a.hash(UnsafeRawBufferPointer(rebasing: $0[..<(bytes.count - 8)])) }
        withUnsafeBytes(of: checksum.littleEndian) { bytes.replaceSubrange((bytes.count - 8)..., with: $0) }
        try Data(bytes).write(to: URL(fileURLWithPath: model))

        let resumed = try GateLMProcess.run(["train", "gates", "--corpus", corpus, "--steps", "45", "--out", model, "--resume"])
        #expect(resumed.status == 1 && resumed.stderr.contains("batch") && resumed.stderr.contains("multiple of 16"), "\(resumed.status) \(resumed.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: model)) == Data(bytes))
    }
}
