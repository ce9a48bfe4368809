import Foundation
import GateLMSupport
import SymbolicHarness

/// Small generated texts and programs for the harness tests.
enum HarnessFixtures {
    /// About `bytes` bytes of word salad from a small vocabulary, seeded.
    static func text(bytes: Int = 4000, seed: UInt64 = 7) -> [UInt8] {
        let words = ["the", "cat", "sat", "on", "a", "mat", "and", "then", "the", "dog", "ran", "to", "the", "king", "queen", "said"]
        var random = SplitMix64(seed: seed), out = [UInt8]()
        while out.count < bytes {
            out += Array(words[random.nextIndex(below: words.count)].utf8)
            out.append(random.nextIndex(below: 8) == 0 ? UInt8(ascii: "\n") : UInt8(ascii: " "))
        }
        return Array(out.prefix(bytes))
    }

    /// A program: the previous byte as the prediction label (a bigram), and "the" recognised.
    static let program = """
        symtx 1
        window layers=2 span=4

        labels
          group lower = b:'a'..b:'z'
          group space = b:' ' | b:0a

        layer 1
          shift p1 offset=1 copy=b:'h'
          shift p2 offset=2 copy=b:'t'
          rule w_the all {b:'e', p1.b:'h', p2.b:'t'} -> +w:the
          rule cur any {lower, space} -> +c.@self

        layer 2
          shift d1 offset=1 copy=w:the
          rule after_the all {space, d1.w:the} -> +after_the

        unembed
          order after_the > c.b:*
          smooth dirichlet beta=1.0

        """

    /// A fresh temporary directory.
    static func directory() -> String {
        let path = NSTemporaryDirectory() + "harness-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func workbench(text: [UInt8] = text(), program: String = program) throws -> (Workbench, String) {
        let root = directory()
        let store = try VersionStore(root: root, name: "prog")
        return (try Workbench(store: store, corpus: text, initialProgram: program), root)
    }
}
