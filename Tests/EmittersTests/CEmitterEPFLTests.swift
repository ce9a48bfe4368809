import Circuits
import Emitters
import Foundation
import GateLMSupport
import Testing
import _TestSupport

/// The emitted C of every EPFL benchmark circuit prints exactly what the
/// bit-parallel simulator computes, and the Verilog of the smaller ones lints clean.
@Suite struct CEmitterEPFLTests {
    /// The EPFL circuits under 4,000 ANDs.
    static let smallFiles = SharedData.epflFiles.filter { (try? AIGERReader.read(path: $0).andCount < 4000) == true }

    @Test(.enabled(if: CCompiler.isInstalled), .enabled(if: !SharedData.epflFiles.isEmpty, "the EPFL benchmarks are not in ../shared/data/epfl"), arguments: SharedData.epflFiles)
    func compiledCMatchesTheSimulator(_ path: String) throws {
        let aig = try AIGERReader.read(path: path)
        let inputs = PatternSet.random(signalCount: aig.inputCount, patternCount: 200, seed: 21)
        let expected = Simulator(aig).simulate(inputs, threads: 1)
        // -O0: these tests check meaning, not speed, and large circuits compile much faster.
        let program = try CompiledCircuitProgram(aig, flags: ["-std=c99", "-pedantic", "-Wall", "-Wextra", "-Werror", "-O0"])
        #expect(try program.run(inputs: inputs) == expected, "\(path)")
    }

    @Test(.enabled(if: ExternalCommand.find("verilator") != nil), .enabled(if: !smallFiles.isEmpty, "no EPFL benchmark under 4,000 ANDs in ../shared/data/epfl"),
          arguments: smallFiles)
    func verilogOfSmallCircuitsLintsClean(_ path: String) throws {
        let aig = try AIGERReader.read(path: path)
        let dir = try TemporaryDirectory()
        let module = VerilogEmitter.interface(of: aig, name: "epfl").module
        try VerilogEmitter.emit(aig, name: "epfl").write(toFile: dir.file("\(module).v"), atomically: true, encoding: .utf8)
        let lint = try ExternalCommand.run("verilator", ["--lint-only", "-Wall", dir.file("\(module).v")])
        #expect(lint.status == 0 && lint.stderr.isEmpty, "\(path): \(lint.stderr)")
    }
}
