import Testing
import Learning

@Suite struct AdamTests {
    /// Minimises Σ a_i (x_i − t_i)² over 37 values (two SIMD blocks and a scalar tail).
    @Test func reducesAQuadratic() {
        let count = 37
        let targets = (0..<count).map { Float($0 % 5) - 2 }, curvature = (0..<count).map { 0.5 + Float($0 % 3) }
        let value = AlignedBuffer<Float>(count: count), gradient = AlignedBuffer<Float>(count: count)
        let optimiser = Adam(parameters: [Adam.Parameter(value: value, gradient: gradient)], learningRate: 0.05)
        func loss() -> Float { (0..<count).reduce(0) { $0 + curvature[$1] * (value[$1] - targets[$1]) * (value[$1] - targets[$1]) } }
        let initial = loss()
        for _ in 0..<500 {
            for i in 0..<count { gradient[i] = 2 * curvature[i] * (value[i] - targets[i]) }
            optimiser.step()
        }
        #expect(optimiser.stepCount == 500)
        #expect(loss() < initial * 1e-3)
        #expect((0..<count).allSatisfy { abs(value[$0] - targets[$0]) < 0.05 })
    }

    @Test func firstStepMovesEveryParameterByTheLearningRate() {
        let value = AlignedBuffer<Float>([Float](repeating: 1, count: 20))
        let gradient = AlignedBuffer<Float>((0..<20).map { Float($0) - 9.5 })
        let optimiser = Adam(parameters: [Adam.Parameter(value: value, gradient: gradient)], learningRate: 0.1)
        optimiser.step()
        // Bias-corrected m̂/√v̂ = sign(g) on the first step.
        #expect((0..<20).allSatisfy { abs(value[$0] - (1 - 0.1 * (gradient[$0] > 0 ? 1 : -1))) < 1e-5 })
    }

    @Test func oneAndTwoThreadsGiveTheSameUpdate() {
        var random = TestRandom(seed: 1)
        let start = random.normal(70_000), gradients = (0..<3).map { _ in random.normal(70_000) }
        var results: [[Float]] = []
        for workers in [1, 2] {
            let value = AlignedBuffer(start), gradient = AlignedBuffer<Float>(count: start.count)
            let optimiser = Adam(parameters: [Adam.Parameter(value: value, gradient: gradient)], learningRate: 0.01)
            for g in gradients {
                gradient.copy(from: g)
                optimiser.step(workers: workers)
            }
            results.append(value.array)
        }
        #expect(results[0] == results[1])
        #expect(results[0] != start)
    }

    @Test func weightDecayShrinksWithoutGradient() {
        let value = AlignedBuffer<Float>([Float](repeating: 2, count: 16)), gradient = AlignedBuffer<Float>(count: 16)
        let optimiser = Adam(parameters: [Adam.Parameter(value: value, gradient: gradient)], learningRate: 0.1)
        optimiser.weightDecay = 0.5
        optimiser.step()
        #expect(value.array.allSatisfy { abs($0 - 2 * 0.95) < 1e-6 })
    }
}
