import Circuits
import Emitters
import Foundation
import GateLMSupport
import Testing
import _TestSupport

/// The emitted Verilog linted by Verilator, and simulated by Verilator against the reference evaluator.
@Suite(.enabled(if: ExternalCommand.find("verilator") != nil)) struct VerilogEmitterTests {
    /// Lints `aig`'s module with `verilator --lint-only -Wall`, expecting no message at all.
    private func expectLintClean(_ aig: AIG, name: String, options: VerilogEmitter.Options = .init(),
                                 sourceLocation: SourceLocation = #_sourceLocation) throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("design.v")
        try VerilogEmitter.emit(aig, name: name, options: options).write(toFile: path, atomically: true, encoding: .utf8)
        let result = try ExternalCommand.run("verilator", ["--lint-only", "-Wall", path])
        #expect(result.status == 0 && result.stderr.isEmpty && result.stdout.isEmpty,
                "\(result.stderr)\(result.stdout)", sourceLocation: sourceLocation)
    }

    @Test func randomCircuitsLintClean() throws {
        let combinational = TestCircuits.named(AIG.random(inputs: 12, ands: 200, maxOutputs: 10, seed: 30))
        try expectLintClean(combinational, name: "random comb")
        try expectLintClean(combinational, name: "random comb", options: .init(laneWidth: 64))
        let sequential = TestCircuits.named(AIG.random(inputs: 5, ands: 200, latches: 8, seed: 31))
        try expectLintClean(sequential, name: "random seq", options: .init(laneWidth: 3))
    }

    @Test(arguments: TestCircuits.combinational + TestCircuits.sequential)
    func cornerCasesLintClean(_ corner: (label: String, aig: AIG)) throws {
        try expectLintClean(corner.aig, name: corner.label)
        try expectLintClean(TestCircuits.named(corner.aig), name: "module", options: .init(laneWidth: 2))
    }

    @Test func portsAreSanitisedUniqueAndAvoidClockAndReset() {
        var aig = AIG.random(inputs: 4, ands: 20, latches: 2, maxOutputs: 3, seed: 32)
        aig.names.inputs = ["clk", "a[0]", "a 0", nil]
        aig.names.outputs = ["wire", "a[0]", "y"]
        let ports = VerilogEmitter.interface(of: aig, name: "3 bits")
        #expect(ports.module == "x3_bits")
        #expect(ports.clock == "clk" && ports.reset == "rst")
        #expect(ports.inputs == ["clk_2", "a_0", "a_0_2", "in3"])
        #expect(ports.outputs == ["wire_v", "a_0_3", "y"])
        #expect(ports.latches == ["latch0", "latch1"])
    }

    /// Builds the module and its testbench with Verilator, runs the patterns and the benchmark mode.
    private func expectVerilatorMatchesReference(_ aig: AIG, laneWidth: Int, patterns: [[Bool]]) throws {
        let directory = try TemporaryDirectory()
        let options = VerilogEmitter.Options(laneWidth: laneWidth)
        let module = VerilogEmitter.interface(of: aig, name: "dut").module
        try VerilogEmitter.emit(aig, name: "dut", options: options)
            .write(toFile: directory.file("\(module).v"), atomically: true, encoding: .utf8)
        try VerilogEmitter.testbench(aig, name: "dut", options: options)
            .write(toFile: directory.file("testbench.cpp"), atomically: true, encoding: .utf8)
        try ExternalCommand.check("verilator", [
            "--cc", "--exe", "--build", "-j", "2", "-Wall", "-O1", "--Mdir", directory.file("obj"),
            "-o", directory.file("sim"), directory.file("\(module).v"), directory.file("testbench.cpp"),
        ], workingDirectory: directory.path)
        let result = try ExternalCommand.run(directory.file("sim"), [], input: Data(ReferencePatterns.text(patterns).utf8))
        #expect(result.status == 0, "\(result.stderr)")
        expectSameLines(result.stdout, ReferencePatterns.expectedOutput(aig, patterns))
        let benchmark = try ExternalCommand.run(directory.file("sim"), ["--benchmark", "3", "2"])
        #expect(benchmark.status == 0, "\(benchmark.stderr)")
        #expect(benchmark.stdout.hasPrefix("ns=") && benchmark.stdout.contains(" evaluations=6 patterns=\(6 * laneWidth) "))
        #expect(benchmark.stdout.contains(" checksum="))
    }

    @Test func verilatedCombinationalCircuitMatchesTheReference() throws {
        let aig = TestCircuits.named(AIG.random(inputs: 10, ands: 300, maxOutputs: 12, seed: 33))
        try expectVerilatorMatchesReference(aig, laneWidth: 64, patterns: ReferencePatterns.random(count: 150, inputs: 10, seed: 34))
    }

    @Test func verilatedSequentialCircuitMatchesTheReference() throws {
        let aig = TestCircuits.named(AIG.random(inputs: 4, ands: 200, latches: 9, maxOutputs: 8, seed: 35))
        try expectVerilatorMatchesReference(aig, laneWidth: 5, patterns: ReferencePatterns.random(count: 80, inputs: 4, seed: 36))
    }
}
