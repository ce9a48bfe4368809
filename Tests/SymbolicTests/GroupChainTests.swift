@testable import Symbolic
import Testing

/// Groups defined by groups: each group's members are expanded once, so a chain or a shared DAG
/// of thousands of groups checks and compiles in time linear in its size (issue 30, item 2).
@Suite struct GroupChainTests {
    /// `g1 = b:'a' | b:'b'`, then `gK` defined by `members(K)`, K = 2…`count`; a rule reads the last.
    static func program(count: Int, members: (Int) -> String) throws -> SymbolicProgram {
        var lines = ["symtx 1", "window layers=1 span=1", "labels", "  group g1 = b:'a' | b:'b'"]
        for k in 2...count { lines.append("  group g\(k) = \(members(k))") }
        lines += ["layer 1", "  rule r any {g\(count)} -> +z", "unembed", "  order z"]
        return try SymbolicProgram(parsing: lines.joined(separator: "\n"))
    }

    /// A chain of 4,000 groups (each the one before): 12.7 s for 1,000 before, past 120 s for 4,000.
    @Test func aLongChainExpandsOnce() throws {
        let program = try Self.program(count: 4000) { "g\($0 - 1)" }
        #expect(program.check().isEmpty)
        let interpreter = try SymbolicInterpreter(program)
        #expect(interpreter.universe.groups["g4000"] == [0x61, 0x62])
        #expect(interpreter.universe.groups.count == 4000)
        let z = try #require(interpreter.universe.number(of: .named("z")))
        let trace = interpreter.run(Array("xab".utf8))
        #expect([0, 1, 2].map { trace.labelNumbers(at: $0, afterLayer: 1).contains(z) } == [false, true, true])
    }

    /// Each group the union of the two before it: exponential without sharing the expansions.
    @Test func aSharedDAGExpandsEachGroupOnce() throws {
        let program = try Self.program(count: 4000) { $0 == 2 ? "g1 | b:'c'" : "g\($0 - 1) | g\($0 - 2)" }
        #expect(program.check().isEmpty)
        let interpreter = try SymbolicInterpreter(program)
        #expect(interpreter.universe.groups["g4000"] == [0x61, 0x62, 0x63])
        #expect(interpreter.universe.groups["g1"] == [0x61, 0x62])
    }

    /// A cycle of 4,000 groups is one error, found without recursing 4,000 deep.
    @Test func aLongCycleIsOneError() throws {
        var program = try Self.program(count: 4000) { "g\($0 - 1)" }
        program.labels[0] = .statement(.group(name: "g1", members: [.label(.named("g4000"))]), comment: nil)
        let errors = program.check().filter { $0.severity == .error }
        #expect(errors.count == 1)
        #expect(errors.first?.message.hasPrefix("group cycle: g1 → g4000 → g3999 → ") == true)
        #expect(errors.first?.message.hasSuffix(" → g3 → g2 → g1") == true)
    }
}
