extension GateLayer {
    /// Back-propagates `outputGradient` through the layer, on up to `workers` threads.
    ///
    /// Writes ∂loss/∂coefficients to `coefficientGradient` and ∂loss/∂logits to
    /// `logitGradient` (both overwritten, summed over the batch), and, unless
    /// `inputGradient` is nil (the first layer of a network whose input is not
    /// learned), ∂loss/∂input to `inputGradient` (overwritten).
    /// Results are bit-identical for any number of workers.
    ///
    /// - Parameters:
    ///   - input: the `[inputCount × batch]` activations the forward pass read.
    ///   - outputGradient: `[gateCount × batch]`.
    ///   - inputGradient: `[inputCount × batch]` or nil.
    public func backward(
        input: AlignedBuffer<Float>, outputGradient: AlignedBuffer<Float>, inputGradient: AlignedBuffer<Float>?,
        batch: Int, workers: Int = 1
    ) {
        precondition(input.count >= inputCount * batch && outputGradient.count >= gateCount * batch
                     && (inputGradient?.count ?? Int.max) >= inputCount * batch,
                     "GateLayer.backward: buffers too small for batch \(batch)")
        let slices = BatchSlices(batch: batch)
        partialCoefficientGradients.prepare(sliceCount: slices.count)
        let input = SharedWithWorkers(UnsafePointer(input.baseAddress))
        let outputGradient = SharedWithWorkers(UnsafePointer(outputGradient.baseAddress))
        let inputGradient = SharedWithWorkers(inputGradient?.baseAddress)
        let layer = SharedWithWorkers(self)
        slices.forEachWorker(workers: workers) { sliceRange, _ in
            layer.value.backward(input: input.value, outputGradient: outputGradient.value,
                          inputGradient: inputGradient.value, batch: batch, slices: sliceRange)
        }
        partialCoefficientGradients.reduce(into: coefficientGradient.baseAddress)
        let probabilities = SharedWithWorkers(UnsafePointer(self.probabilities.baseAddress))
        let coefficientGradient = SharedWithWorkers(UnsafePointer(self.coefficientGradient.baseAddress))
        let logitGradient = SharedWithWorkers(self.logitGradient.baseAddress)
        ParallelFor.chunks(of: gateCount, workers: gateCount >= 4096 ? workers : 1) { _, gates in
            GateRelaxation.backward(probabilities: probabilities.value, coefficientGradient: coefficientGradient.value,
                                    logitGradient: logitGradient.value, gates: gates)
        }
    }

    /// The backward kernel for the slices `slices` of the batch, on the calling
    /// thread: zeroes and accumulates `inputGradient` on those samples and writes
    /// each slice's coefficient-gradient sums to its own partial-sum row.
    func backward(
        input: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>,
        inputGradient: UnsafeMutablePointer<Float>?, batch: Int, slices: Range<Int>
    ) {
        let batchSlices = BatchSlices(batch: batch)
        let samples = batchSlices.samples(of: slices)
        if let inputGradient {
            for unit in 0..<inputCount {
                (inputGradient + unit * batch + samples.lowerBound).update(repeating: 0, count: samples.count)
            }
        }
        let first = UnsafePointer(firstInput.baseAddress), second = UnsafePointer(secondInput.baseAddress)
        let coefficients = UnsafePointer(self.coefficients.baseAddress)
        let partials = partialCoefficientGradients.rows.baseAddress, partialLength = gateCount * 4
        for gate in 0..<gateCount {
            let c = coefficients + gate * 4
            let c1 = SIMD16<Float>(repeating: c[1]), c2 = SIMD16<Float>(repeating: c[2])
            let c3 = SIMD16<Float>(repeating: c[3])
            let firstUnit = Int(first[gate]) * batch, secondUnit = Int(second[gate]) * batch
            let a = UnsafeRawPointer(input + firstUnit), b = UnsafeRawPointer(input + secondUnit)
            let g = UnsafeRawPointer(outputGradient + gate * batch)
            for slice in slices {
                let range = batchSlices.samples(of: slice)
                var sum0 = SIMD16<Float>(), sum1 = SIMD16<Float>(), sum2 = SIMD16<Float>(), sum3 = SIMD16<Float>()
                var offset = range.lowerBound * 4
                let end = range.upperBound * 4
                if let inputGradient {
                    let da = UnsafeMutableRawPointer(inputGradient + firstUnit)
                    let db = UnsafeMutableRawPointer(inputGradient + secondUnit)
                    while offset < end {
                        let va = a.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
                        let vb = b.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
                        let vg = g.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
                        let ga = vg * va
                        sum0 += vg
                        sum1 += ga
                        sum2 = sum2.addingProduct(vg, vb)
                        sum3 = sum3.addingProduct(ga, vb)
                        // ∂out/∂a = c1 + c3·b, ∂out/∂b = c2 + c3·a. Load-add-store in this
                        // order so a gate whose two inputs are the same unit gets both terms.
                        let newA = da.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
                            .addingProduct(vg, c1.addingProduct(c3, vb))
                        da.storeBytes(of: newA, toByteOffset: offset, as: SIMD16<Float>.self)
                        let newB = db.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
                            .addingProduct(vg, c2.addingProduct(c3, va))
                        db.storeBytes(of: newB, toByteOffset: offset, as: SIMD16<Float>.self)
                        offset += 64
                    }
                } else {
                    while offset < end {
                        let va = a.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
                        let vb = b.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
                        let vg = g.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
                        let ga = vg * va
                        sum0 += vg
                        sum1 += ga
                        sum2 = sum2.addingProduct(vg, vb)
                        sum3 = sum3.addingProduct(ga, vb)
                        offset += 64
                    }
                }
                let partial = partials + slice * partialLength + gate * 4
                partial[0] = treeSum(sum0)
                partial[1] = treeSum(sum1)
                partial[2] = treeSum(sum2)
                partial[3] = treeSum(sum3)
            }
        }
    }
}
