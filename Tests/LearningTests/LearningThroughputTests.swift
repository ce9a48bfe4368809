import Foundation
import Testing
import Learning

/// Training throughput of the gate-layer kernels. Off by default (it needs a
/// release build to mean anything); run with
/// `GATELM_BENCHMARK=1 swift test -c release -Xswiftc -target-cpu -Xswiftc native --filter LearningThroughputTests`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["GATELM_BENCHMARK"] != nil))
struct LearningThroughputTests {
    @Test func fourLayersOf16KGatesAtBatch512() {
        for workers in [1, 2] {
            let result = GateLayer.measureTrainingThroughput(layers: 4, gates: 16_384, batch: 512, workers: workers)
            print("train \(result)")
            #expect(result.gateSamplesPerSecond > 1e8)
        }
    }
}
