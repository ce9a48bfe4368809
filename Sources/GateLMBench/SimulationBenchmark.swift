import ArgumentParser
import Circuits
import Emitters
import Foundation
import GateLMSupport

/// `gatelm-bench simulation` (the default): simulation throughput and AIGER I/O, side by side
/// with compiled C and Verilator.
struct SimulationBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulation",
        abstract: "Measure GateLM's simulator and AIGER I/O side by side with compiled C and Verilator.",
        discussion: """
            Throughput is in gate·patterns per second: AND nodes × input patterns evaluated per \
            second. Every engine evaluates the same circuits in this one run; ratios compare \
            GateLM's simulator with each peer. Emitted C is compiled with \
            `gcc -O3 -march=native`; Verilator builds the emitted Verilog with 64-bit lanes.
            """
    )

    @Option(help: "Directory of EPFL .aig files (default: ../shared/data/epfl).")
    var epfl = "../shared/data/epfl"

    @Option(help: "How many of the largest EPFL circuits to measure.")
    var largest = 6

    @Option(help: "AND count of the generated random circuit (0 to skip).")
    var randomAnds = 1_000_000

    @Option(help: "Gate·patterns of work per compiled-C and Verilator measurement (sets their repetitions).")
    var work: Double = 1e11

    @Option(help: "Build Verilator models only up to this many ANDs (its build time grows fast).")
    var verilatorMaxAnds = 250_000

    @Option(help: "Compile emitted C only up to this many ANDs (gcc -O3 took over 20 minutes on 750K).")
    var cMaxAnds = 300_000

    @Option(help: "Compile the 512-bit C variant only up to this many ANDs.")
    var c512MaxAnds = 250_000

    @Option(help: "Scratch directory for generated sources and binaries.")
    var scratch = "bench-out"

    @Option(help: "Also write the report to this Markdown file.")
    var report: String?

    func run() throws {
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        var circuits = FileManager.default.fileExists(atPath: epfl)
            ? try BenchCircuit.largestEPFL(in: epfl, count: largest) : []
        if circuits.isEmpty { benchLog("no EPFL circuits at \(epfl); measuring generated circuits only") }
        if randomAnds > 0 { circuits.append(.random(ands: randomAnds)) }

        var text = "# GateLM benchmark\n\n"
        text += "Machine: \(ProcessInfo.processInfo.activeProcessorCount) cores; \(Date()).\n\n"
        text += try simulationSection(circuits)
        text += try aigerSection(circuits)
        print(text, terminator: "")
        if let report { try AtomicFile.write(text, to: report) }
    }

    // MARK: Simulation

    private func simulationSection(_ circuits: [BenchCircuit]) throws -> String {
        let gcc = ExternalCommand.find("gcc")
        let verilator = ExternalCommand.find("verilator")
        var table = MarkdownTable([
            "circuit", "ANDs", "GateLM 1 thr", "GateLM 2 thr", "C uint64 (gcc -O3)", "C 512-bit (gcc -O3)",
            "Verilator", "GateLM 1 thr / C uint64", "GateLM 2 thr / C uint64", "GateLM 1 thr / Verilator",
        ])
        var notes = [String]()
        for circuit in circuits {
            let aig = circuit.aig
            benchLog("simulating \(circuit.name) (\(aig.andCount) ANDs)")
            let ours1 = simulatorThroughput(aig, threads: 1)
            let ours2 = simulatorThroughput(aig, threads: 2)
            var c64: Double?, c512: Double?, vl: Double?
            if gcc != nil && aig.andCount <= cMaxAnds {
                let b = try buildC(circuit, vectorWords: 1)
                c64 = try b.throughput(ands: aig.andCount, batches: 64, repetitions: repetitions(aig, lanes: 64 * 64))
                if b.buildSeconds > 0 {
                    notes.append("\(circuit.name): gcc -O3 built the uint64 C in \(Format.seconds(b.buildSeconds))")
                }
            } else if gcc != nil {
                notes.append("\(circuit.name): C skipped (more than --c-max-ands \(cMaxAnds) ANDs)")
            }
            if gcc != nil && aig.andCount <= min(cMaxAnds, c512MaxAnds) {
                let w = try buildC(circuit, vectorWords: 8)
                c512 = try w.throughput(ands: aig.andCount, batches: 8, repetitions: repetitions(aig, lanes: 8 * 512))
            }
            if verilator != nil && aig.andCount <= verilatorMaxAnds {
                let v = try buildVerilator(circuit)
                vl = try v.throughput(ands: aig.andCount, batches: 64, repetitions: repetitions(aig, lanes: 64 * 64))
                if v.buildSeconds > 0 { notes.append("\(circuit.name): Verilator built in \(Format.seconds(v.buildSeconds))") }
            } else if verilator != nil {
                notes.append("\(circuit.name): Verilator skipped (more than --verilator-max-ands \(verilatorMaxAnds) ANDs)")
            }
            table.append([
                circuit.name, String(aig.andCount), Format.rate(ours1), Format.rate(ours2), Format.rate(c64),
                Format.rate(c512), Format.rate(vl), Format.ratio(c64.map { ours1 / $0 }),
                Format.ratio(c64.map { ours2 / $0 }), Format.ratio(vl.map { ours1 / $0 }),
            ])
        }
        if gcc == nil { notes.append("gcc not installed: compiled C not measured") }
        if verilator == nil { notes.append("verilator not installed: not measured") }
        return "## Simulation throughput (gate·patterns/s, higher is better)\n\n" + table.text + "\n"
            + notes.map { "- \($0)\n" }.joined() + "\n"
    }

    /// Repetitions of a batch of `lanes` patterns that make up `work` gate·patterns.
    private func repetitions(_ aig: AIG, lanes: Int) -> Int {
        max(1, Int(work / (Double(max(aig.andCount, 1)) * Double(lanes))))
    }

    /// GateLM's simulator on 16,384 random patterns reused run after run (as
    /// the C and Verilator programs reuse their input words): the fastest run
    /// of those repeated for at least a second.
    private func simulatorThroughput(_ aig: AIG, threads: Int) -> Double {
        Simulator(aig).measureThroughput(patterns: 16_384, threads: threads, minimumSeconds: 1).gatePatternsPerSecond
    }

    private func buildC(_ circuit: BenchCircuit, vectorWords: Int) throws -> CompiledProgram {
        let base = "\(scratch)/\(circuit.name)_c\(vectorWords * 64)"
        let options = CEmitter.Options(main: .benchmark, vectorWords: vectorWords)
        let source = CEmitter.emit(circuit.aig, name: circuit.name, options: options)
        if let cached = try cachedBuild(sources: [base + ".c": source], program: base) { return cached }
        let seconds = try Stopwatch.seconds {
            try ExternalCommand.check("gcc", ["-O3", "-march=native", "-o", base, base + ".c"])
        }
        return CompiledProgram(path: base, buildSeconds: seconds)
    }

    private func buildVerilator(_ circuit: BenchCircuit) throws -> CompiledProgram {
        let directory = "\(scratch)/\(circuit.name)_verilator"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let module = VerilogEmitter.interface(of: circuit.aig, name: circuit.name).module
        let options = VerilogEmitter.Options(laneWidth: 64)
        let sources = [
            "\(directory)/\(module).v": VerilogEmitter.emit(circuit.aig, name: module, options: options),
            "\(directory)/bench.cpp": VerilogEmitter.testbench(circuit.aig, name: module, options: options),
        ]
        let program = "\(directory)/obj/bench"
        if var cached = try cachedBuild(sources: sources, program: program) {
            cached.leadingArguments = ["--benchmark"]
            return cached
        }
        let seconds = try Stopwatch.seconds {
            try ExternalCommand.check("verilator", [
                "--cc", "--exe", "--build", "-O3", "--x-assign", "fast", "--x-initial", "fast", "--noassert",
                "-Wno-fatal", "-CFLAGS", "-O3 -march=native", "--Mdir", "obj", "--top-module", module,
                "-o", "bench", "\(module).v", "bench.cpp",
            ], workingDirectory: directory)
        }
        return CompiledProgram(path: "\(directory)/obj/bench", leadingArguments: ["--benchmark"], buildSeconds: seconds)
    }

    /// The program built from exactly these sources by an earlier run, if any
    /// (its build time then reads as 0); otherwise writes the sources and returns nil.
    private func cachedBuild(sources: [String: String], program: String) throws -> CompiledProgram? {
        let unchanged = sources.allSatisfy { path, text in
            (try? String(contentsOfFile: path, encoding: .utf8)) == text
        }
        if unchanged && FileManager.default.isExecutableFile(atPath: program) {
            benchLog("reusing \(program), built by an earlier run from the same sources")
            return CompiledProgram(path: program, buildSeconds: 0)
        }
        for (path, text) in sources { try AtomicFile.write(text, to: path) }
        return nil
    }

    // MARK: AIGER I/O

    private func aigerSection(_ circuits: [BenchCircuit]) throws -> String {
        var table = MarkdownTable([
            "circuit", "ANDs", ".aig bytes", "read .aig", "write .aig", ".aag bytes", "read .aag", "write .aag", "ABC read .aig",
        ])
        let abc = ExternalCommand.find("berkeley-abc")
        for circuit in circuits.sorted(by: { $0.aig.andCount > $1.aig.andCount }).prefix(3) {
            benchLog("AIGER I/O on \(circuit.name)")
            var binary = [UInt8](), ascii = [UInt8]()
            let writeBinary = Stopwatch.best(of: 3) { binary = AIGERWriter.write(circuit.aig, format: .binary) }
            let writeASCII = Stopwatch.best(of: 3) { ascii = AIGERWriter.write(circuit.aig, format: .ascii) }
            let readBinary = try Stopwatch.best(of: 3) { _ = try AIGERReader.read(bytes: binary) }
            let readASCII = try Stopwatch.best(of: 3) { _ = try AIGERReader.read(bytes: ascii) }
            var abcRead: Double?
            if abc != nil {
                let path = "\(scratch)/\(circuit.name).aig"
                try AtomicFile.write(binary, to: path)
                // ABC's own read time: one run with the read, minus one without.
                let with = try Stopwatch.best(of: 3) { try ExternalCommand.check("berkeley-abc", ["-c", "read \(path)"]) }
                let without = try Stopwatch.best(of: 3) { try ExternalCommand.check("berkeley-abc", ["-c", "time"]) }
                abcRead = max(with - without, 0)
            }
            table.append([
                circuit.name, String(circuit.aig.andCount), String(binary.count), Format.seconds(readBinary),
                Format.seconds(writeBinary), String(ascii.count), Format.seconds(readASCII), Format.seconds(writeASCII),
                Format.seconds(abcRead),
            ])
        }
        return "## AIGER read and write (in memory, best of 3)\n\n" + table.text + "\n"
    }

}
