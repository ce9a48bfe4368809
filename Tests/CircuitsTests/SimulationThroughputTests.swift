import Foundation
import Testing
import Circuits

/// Throughput of the simulator on big random circuits. Off by default (it
/// needs a release build to mean anything); run with
/// `GATELM_BENCHMARK=1 swift test -c release -Xswiftc -target-cpu -Xswiftc native --filter SimulationThroughputTests`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["GATELM_BENCHMARK"] != nil))
struct SimulationThroughputTests {
    @Test(arguments: [200_000, 1_000_000])
    func randomCircuitThroughput(ands: Int) {
        let simulator = Simulator(AIG.random(inputs: 256, ands: ands, seed: 1))
        for threads in [1, 2] {
            let result = simulator.measureThroughput(patterns: 8192, threads: threads)
            print("simulate \(ands) ANDs (\(simulator.evaluatedAndCount) evaluated), \(threads) thread(s), "
                  + "\(result.laneWidth.rawValue)-bit blocks: "
                  + "\(result.gatePatternsPerSecond) gate·patterns/s, \(result.secondsPerRun) s per run")
            #expect(result.gatePatternsPerSecond > 1e9)
        }
    }
}
