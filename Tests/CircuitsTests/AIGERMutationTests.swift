import Testing
import Circuits

/// Random damage to valid files: the reader must throw an `AIGERError` or
/// return a valid AIG, never trap or hang.
@Suite struct AIGERMutationTests {
    static func validFiles() -> [[UInt8]] {
        var files: [[UInt8]] = []
        for seed in 0..<4 as Range<UInt64> {
            let aig = AIGERTestCircuits.decorated(seed: seed, inputs: 5, ands: 40, latches: seed == 0 ? 0 : 3)
            files.append(aig.aigerBytes(format: .ascii))
            files.append(aig.aigerBytes(format: .binary))
            files.append(AIGERTestCircuits.scrambledASCII(aig, seed: seed))
        }
        // Multi-byte deltas.
        let wide = AIG.random(inputs: 200, ands: 60, maxOutputs: 4, locality: 1000, seed: 5)
        files.append(wide.aigerBytes(format: .binary))
        return files
    }

    static func mutate(_ file: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var bytes = file
        for _ in 0...Int(rng.next() % 3) {
            guard !bytes.isEmpty else { break }
            let at = Int(rng.next() % UInt64(bytes.count))
            switch rng.next() % 7 {
            case 0: bytes[at] = UInt8(truncatingIfNeeded: rng.next())
            case 1: bytes[at] ^= 1 << UInt8(rng.next() % 8)
            case 2: bytes.removeSubrange(at..<min(bytes.count, at + 1 + Int(rng.next() % 8)))
            case 3: bytes.removeSubrange(at...)   // truncation
            case 4: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + 1 + Int(rng.next() % 8))], at: at)
            case 5: bytes[at] = Array("0123456789 \n".utf8)[Int(rng.next() % 12)]
            default: bytes.insert(contentsOf: Array(String(rng.next() % 100_000).utf8), at: at)
            }
        }
        return bytes
    }

    @Test func mutatedFilesThrowOrGiveValidAIGs() throws {
        var rng = SplitMix64(seed: 2024)
        var rejected = 0, accepted = 0
        for file in Self.validFiles() {
            for _ in 0..<1000 {
                let damaged = Self.mutate(file, &rng)
                do {
                    let aig = try AIGERReader.read(bytes: damaged)
                    try aig.validate()
                    // Whatever was accepted must survive its own round trip.
                    #expect(try AIGERReader.read(bytes: aig.aigerBytes(format: .binary)) == aig)
                    accepted += 1
                } catch let error as AIGERError {
                    #expect(error.location != nil && !error.message.isEmpty)
                    rejected += 1
                }
            }
        }
        // Most damage must be noticed; some (inside names or comments) is harmless.
        #expect(rejected > accepted)
    }

    @Test func everyTruncationOfASmallFileIsRejectedOrValid() throws {
        for file in Self.validFiles().prefix(2) {
            for length in 0..<file.count {
                if let aig = try? AIGERReader.read(bytes: Array(file.prefix(length))) {
                    try aig.validate()
                }
            }
        }
        // Cutting the AND section of a binary file short is always an error.
        let binary = Self.validFiles()[1]
        let header = try #require(binary.firstIndex(of: UInt8(ascii: "\n")))
        #expect(throws: AIGERError.self) { try AIGERReader.read(bytes: Array(binary.prefix(header + 1))) }
    }

    @Test func hugeDeclaredCountsFailWithoutAllocating() {
        let cases = [
            "aig 2147483647 0 0 0 2147483647\n",
            "aag 2147483647 0 0 2147483647 0\n",
            "aig 2147483647 0 2147483647 0 0\n",
            "aig 2147483647 2147483647 0 0 0\ni7 x\n",
            "aag 100 1 0 0 0 0 0 2 0\n2\n4294967295\n",
        ]
        for text in cases {
            #expect(throws: AIGERError.self, "\(text)") { try AIGERReader.read(bytes: Array(text.utf8)) }
        }
    }
}
