import GateLMSupport
import Foundation

/// The Adam optimiser (Kingma & Ba) over a list of parameter buffers, with
/// optional decoupled weight decay (AdamW; off by default).
public final class Adam {
    /// One parameter tensor and the buffer its gradient is written to.
    public struct Parameter {
        public let value: AlignedBuffer<Float>
        public let gradient: AlignedBuffer<Float>

        public init(value: AlignedBuffer<Float>, gradient: AlignedBuffer<Float>) {
            precondition(value.count == gradient.count, "Adam: a parameter and its gradient differ in size")
            self.value = value
            self.gradient = gradient
        }
    }

    public let parameters: [Parameter]
    public var learningRate: Float
    public var beta1: Float = 0.9
    public var beta2: Float = 0.999
    public var epsilon: Float = 1e-8
    /// Decoupled weight decay λ: value −= learningRate · λ · value each step.
    public var weightDecay: Float = 0
    /// The number of steps taken (for bias correction); restored from checkpoints.
    public var stepCount: Int = 0
    /// First-moment estimates, one buffer per parameter.
    public let firstMoments: [AlignedBuffer<Float>]
    /// Second-moment estimates, one buffer per parameter.
    public let secondMoments: [AlignedBuffer<Float>]

    public init(parameters: [Parameter], learningRate: Float) {
        self.parameters = parameters
        self.learningRate = learningRate
        firstMoments = parameters.map { AlignedBuffer(count: $0.value.count) }
        secondMoments = parameters.map { AlignedBuffer(count: $0.value.count) }
    }

    /// Applies one update from the current gradients; parameters of at least
    /// 64K values are split across up to `workers` threads (same result).
    public func step(workers: Int = 1) {
        stepCount += 1
        let t = Float(stepCount)
        let correction1 = 1 - pow(beta1, t), correction2 = 1 - pow(beta2, t)
        // value −= lr·m̂/(√v̂ + ε) with m̂ = m/c1, v̂ = v/c2, rewritten as
        // value −= (lr/c1)·m / (√v/√c2 + ε).
        let stepSize = learningRate / correction1, inverseRoot2 = 1 / correction2.squareRoot()
        let decay = 1 - learningRate * weightDecay
        for (index, parameter) in parameters.enumerated() {
            let count = parameter.value.count
            let shared = SharedWithWorkers((self, parameter.value.baseAddress, UnsafePointer(parameter.gradient.baseAddress),
                                            firstMoments[index].baseAddress, secondMoments[index].baseAddress))
            // Chunks of whole 16-value blocks, so the split never changes which values take the scalar path.
            let blocks = (count + 15) / 16
            ParallelFor.chunks(of: blocks, workers: count >= 65_536 ? workers : 1) { _, chunk in
                let (adam, value, gradient, first, second) = shared.value
                let start = chunk.lowerBound * 16, end = min(count, chunk.upperBound * 16)
                adam.update(value: value + start, gradient: gradient + start, first: first + start, second: second + start,
                            count: end - start, stepSize: stepSize, inverseRoot2: inverseRoot2, decay: decay)
            }
        }
    }

    private func update(
        value: UnsafeMutablePointer<Float>, gradient: UnsafePointer<Float>,
        first: UnsafeMutablePointer<Float>, second: UnsafeMutablePointer<Float>,
        count: Int, stepSize: Float, inverseRoot2: Float, decay: Float
    ) {
        let b1 = beta1, b2 = beta2, eps = epsilon
        var index = 0
        while index + 16 <= count {
            let g = UnsafeRawPointer(gradient + index).loadUnaligned(as: SIMD16<Float>.self)
            let m = UnsafeRawPointer(first + index).loadUnaligned(as: SIMD16<Float>.self) * b1 + g * (1 - b1)
            let v = UnsafeRawPointer(second + index).loadUnaligned(as: SIMD16<Float>.self) * b2 + g * g * (1 - b2)
            let x = UnsafeRawPointer(value + index).loadUnaligned(as: SIMD16<Float>.self) * decay
            let updated = x - stepSize * m / (v.squareRoot() * inverseRoot2 + eps)
            UnsafeMutableRawPointer(first + index).storeBytes(of: m, as: SIMD16<Float>.self)
            UnsafeMutableRawPointer(second + index).storeBytes(of: v, as: SIMD16<Float>.self)
            UnsafeMutableRawPointer(value + index).storeBytes(of: updated, as: SIMD16<Float>.self)
            index += 16
        }
        while index < count {
            let g = gradient[index]
            first[index] = first[index] * b1 + g * (1 - b1)
            second[index] = second[index] * b2 + g * g * (1 - b2)
            value[index] = value[index] * decay
                - stepSize * first[index] / (second[index].squareRoot() * inverseRoot2 + eps)
            index += 1
        }
    }
}
