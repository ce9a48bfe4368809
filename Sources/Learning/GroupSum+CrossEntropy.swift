import GateLMSupport
import Foundation

extension GroupSum {
    /// The cross-entropy of `targets` under the soft outputs, and its gradient.
    ///
    /// - Parameters:
    ///   - outputs: the last layer's activations; rows 0 ..< unitCount are read.
    ///   - targets: `[batch]` class indices, or −1 for a byte that is no class.
    ///   - outputGradient: receives gradientScale · ∂loss/∂outputs in rows
    ///     0 ..< unitCount (other rows untouched); nil to skip the gradient.
    ///   - gradientScale: 1/batch (the default) gives the gradient of the mean loss.
    ///   - scoreOffsets: `[class * batch + sample]` values added to each class's score (in
    ///     score units, before the division by τ), e.g. a count ROM's votes; nil for none.
    ///   - offsetGradient: receives gradientScale · ∂loss/∂scoreOffsets, same layout (nil to skip).
    /// Bit-identical for any number of workers.
    public func lossAndGradient(
        outputs: AlignedBuffer<Float>, targets: UnsafePointer<Int32>, batch: Int,
        outputGradient: AlignedBuffer<Float>?, gradientScale: Float? = nil,
        scoreOffsets: UnsafePointer<Float>? = nil, offsetGradient: UnsafeMutablePointer<Float>? = nil, workers: Int = 1
    ) -> CrossEntropy {
        precondition(outputs.count >= unitCount * batch && (outputGradient?.count ?? Int.max) >= unitCount * batch,
                     "GroupSum: buffers too small for \(unitCount) units × batch \(batch)")
        if scratch.count < classCount * batch { scratch = AlignedBuffer(count: classCount * batch) }
        let slices = BatchSlices(batch: batch)
        if sliceLosses.count < slices.count { sliceLosses = AlignedBuffer(count: slices.count) }
        let scale = gradientScale ?? 1 / Float(batch)
        let shared = SharedWithWorkers((self, UnsafePointer(outputs.baseAddress), targets, outputGradient?.baseAddress,
                                        scoreOffsets, offsetGradient))
        slices.forEachWorker(workers: workers) { sliceRange, _ in
            let (groupSum, outputs, targets, gradient, offsets, offsetGradient) = shared.value
            for slice in sliceRange {
                groupSum.sliceLosses.baseAddress[slice] = groupSum.crossEntropy(
                    outputs: outputs, targets: targets, batch: batch, samples: slices.samples(of: slice),
                    gradient: gradient, scale: scale, offsets: offsets, offsetGradient: offsetGradient)
            }
        }
        var total = 0.0
        for slice in 0..<slices.count { total += sliceLosses[slice] }
        return CrossEntropy(nats: total, count: batch)
    }

    /// The kernel for one 16-aligned range of samples: returns Σ −ln q and
    /// writes the scaled gradient when `gradient` is not nil.
    func crossEntropy(
        outputs: UnsafePointer<Float>, targets: UnsafePointer<Int32>, batch: Int, samples: Range<Int>,
        gradient: UnsafeMutablePointer<Float>?, scale: Float,
        offsets: UnsafePointer<Float>? = nil, offsetGradient: UnsafeMutablePointer<Float>? = nil
    ) -> Double {
        let k = groupSize, inverseTemperature = 1 / temperature
        let keep = 1 - epsilon, uniform = epsilon / Float(Self.alphabetSize)
        let exponentials = scratch.baseAddress
        var loss = 0.0
        for chunk in stride(from: samples.lowerBound, to: samples.upperBound, by: 16) {
            // Scores z_c = Σ_j out[c·k + j] / τ, then e_c = exp(z_c − max) kept in scratch.
            var maximum = SIMD16<Float>(repeating: -.infinity)
            for c in 0..<classCount {
                var sum = SIMD16<Float>()
                for j in 0..<k {
                    sum += UnsafeRawPointer(outputs + (c * k + j) * batch + chunk).loadUnaligned(as: SIMD16<Float>.self)
                }
                if let offsets { sum += UnsafeRawPointer(offsets + c * batch + chunk).loadUnaligned(as: SIMD16<Float>.self) }
                let z = sum * inverseTemperature
                maximum.replace(with: z, where: z .> maximum)
                UnsafeMutableRawPointer(exponentials + c * batch + chunk).storeBytes(of: z, as: SIMD16<Float>.self)
            }
            var total = SIMD16<Float>()
            for c in 0..<classCount {
                let address = UnsafeMutableRawPointer(exponentials + c * batch + chunk)
                let e = vectorExp(address.load(as: SIMD16<Float>.self) - maximum)
                total += e
                address.storeBytes(of: e, as: SIMD16<Float>.self)
            }
            // Per sample: q = (1 − ε)·p_t + ε/256; ∂(−ln q)/∂z_c = w·(p_c − [c = t]), w = (1 − ε)·p_t / q.
            var weight = SIMD16<Float>()
            for lane in 0..<16 {
                let target = Int(targets[chunk + lane])
                precondition(target < classCount, "GroupSum: target class \(target) out of range")
                let p = target >= 0 ? exponentials[target * batch + chunk + lane] / total[lane] : 0
                let q = keep * p + uniform
                loss -= log(Double(q))
                weight[lane] = keep * p / q
            }
            guard gradient != nil || offsetGradient != nil else { continue }
            // ∂(−ln q)/∂score_c, the same for every unit of class c's group and for its offset.
            let factor = weight * scale * inverseTemperature
            let perExponential = factor / total
            for c in 0..<classCount {
                let e = UnsafeRawPointer(exponentials + c * batch + chunk).loadUnaligned(as: SIMD16<Float>.self)
                let g = perExponential * e
                for j in 0..<(gradient == nil ? 0 : k) {
                    UnsafeMutableRawPointer(gradient! + (c * k + j) * batch + chunk).storeBytes(of: g, as: SIMD16<Float>.self)
                }
                if let offsetGradient { UnsafeMutableRawPointer(offsetGradient + c * batch + chunk).storeBytes(of: g, as: SIMD16<Float>.self) }
            }
            for lane in 0..<16 where targets[chunk + lane] >= 0 {
                let target = Int(targets[chunk + lane])
                for j in 0..<(gradient == nil ? 0 : k) { gradient![(target * k + j) * batch + chunk + lane] -= factor[lane] }
                offsetGradient?[target * batch + chunk + lane] -= factor[lane]
            }
        }
        return loss
    }
}
