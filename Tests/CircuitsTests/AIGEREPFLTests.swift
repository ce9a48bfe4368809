import Testing
import Circuits
import Foundation
import GateLMSupport
import _TestSupport

/// The EPFL benchmark suite (written by ABC) read, checked, rewritten and compared with ABC.
@Suite struct AIGEREPFLTests {
    static let abcInstalled = ExternalCommand.find("berkeley-abc") != nil

    @Test(.enabled(if: !SharedData.epflFiles.isEmpty, "the EPFL benchmarks are not in ../shared/data/epfl"), arguments: SharedData.epflFiles)
    func everyFileReadsValidatesAndRewritesByteForByte(path: String) throws {
        let original = try readFileBytes(path)
        let aig = try AIGERReader.read(bytes: original)
        try aig.validate()
        #expect(aig.andCount > 0 && aig.outputCount > 0, "\(path)")
        #expect(aig.names.inputs.count == aig.inputCount, "\(path): symbol table read")
        #expect(!aig.comments.isEmpty, "\(path): comment section read")
        // ABC writes canonical binary AIGER, so our writer must reproduce the file exactly.
        #expect(aig.aigerBytes(format: .binary) == original, "\(path)")
        if aig.andCount < 50_000 {   // the ASCII path is covered elsewhere; keep the debug run short
            #expect(try AIGERReader.read(bytes: aig.aigerBytes(format: .ascii)) == aig, "\(path)")
        }
    }

    /// Each file goes through a scrambled ASCII version (random numbering, shuffled
    /// ANDs) that our reader must put back in order; ABC then proves our binary
    /// output equivalent to the original and counts what we count.
    @Test(.enabled(if: abcInstalled), .enabled(if: !SharedData.epflFiles.isEmpty, "the EPFL benchmarks are not in ../shared/data/epfl"), arguments: SharedData.epflFiles)
    func abcAgreesOnEquivalenceAndCounts(path: String) throws {
        let directory = try TemporaryDirectory()
        let aig = try AIG(contentsOfAIGERFile: path)
        // Scrambling is slow in debug builds: the largest files go straight to binary.
        let reordered = aig.andCount < 50_000 ? try AIGERReader.read(bytes: AIGERTestCircuits.scrambledASCII(aig, seed: 1)) : aig
        #expect(reordered.andCount == aig.andCount && reordered.names == aig.names)
        let ours = directory.file("ours.aig")
        try reordered.writeAIGER(toFile: ours, format: .binary)
        let result = try ExternalCommand.check("berkeley-abc", ["-c", "cec \(path) \(ours); read \(ours); print_stats"])
        #expect(result.stdout.contains("Networks are equivalent"), "\(path): \(result.stdout)")
        let stats = try #require(ABCStats(result.stdout), "\(path): \(result.stdout)")
        #expect(stats.inputs == aig.inputCount && stats.outputs == aig.outputCount, "\(path)")
        #expect(stats.latches == aig.latchCount && stats.ands == aig.andCount, "\(path)")
        #expect(stats.levels == aig.depth, "\(path): ABC lev \(stats.levels), our depth \(aig.depth)")
    }
}

/// The numbers of ABC's `print_stats` line: `i/o = 256/ 129  lat = 0  and = 1020  lev = 255`.
struct ABCStats {
    var inputs = 0, outputs = 0, latches = 0, ands = 0, levels = 0

    init?(_ output: String) {
        guard let line = output.split(separator: "\n").last(where: { $0.contains("i/o =") }) else { return nil }
        func value(after key: String) -> Int? {
            guard let range = line.range(of: key) else { return nil }
            return Int(line[range.upperBound...].drop(while: { $0 == " " }).prefix(while: \.isNumber))
        }
        guard let io = line.range(of: "i/o =") else { return nil }
        let parts = line[io.upperBound...].split(separator: "/", maxSplits: 1)
        guard parts.count == 2,
              let i = Int(parts[0].trimmingCharacters(in: .whitespaces)),
              let o = Int(parts[1].drop(while: { $0 == " " }).prefix(while: \.isNumber)),
              let l = value(after: "lat ="), let a = value(after: "and ="), let lev = value(after: "lev =")
        else { return nil }
        (inputs, outputs, latches, ands, levels) = (i, o, l, a, lev)
    }
}

/// The raw bytes of a file.
func readFileBytes(_ path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}
