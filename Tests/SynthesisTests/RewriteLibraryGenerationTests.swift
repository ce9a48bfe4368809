import Foundation
@testable import Synthesis
import Testing

/// The committed library table is what the generator produces. With
/// `GATELM_REGENERATE=1` the test rewrites the generated file instead.
@Suite("Rewriting library generation")
struct RewriteLibraryGenerationTests {
    static let generatedFile = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/Synthesis/Rewriting/RewriteLibrary+Generated.swift")

    @Test func committedTableMatchesTheGenerator() throws {
        let representatives = NPNClasses4.shared.representatives
        if ProcessInfo.processInfo.environment["GATELM_REGENERATE"] == "1" {
            let source = RewriteLibrary.generatedSource(RewriteLibrary.generate())
            try source.write(to: Self.generatedFile, atomically: true, encoding: .utf8)
            return
        }
        let committed = RewriteLibrary.shared.structures
        #expect(committed.count == representatives.count)
        // Every fourth class keeps the debug run short; the encoding round-trips for all.
        for c in stride(from: 0, to: representatives.count, by: 4) {
            #expect(RewriteLibrary.structures(for: representatives[c]) == committed[c], "class \(c)")
        }
        #expect(RewriteLibrary.decode(RewriteLibrary.encode(committed)) == committed)
    }
}
