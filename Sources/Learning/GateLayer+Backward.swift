import GateLMSupport
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
        prepareBackward(batch: batch)
        let input = SharedWithWorkers(UnsafePointer(input.baseAddress))
        let outputGradient = SharedWithWorkers(UnsafePointer(outputGradient.baseAddress))
        let inputGradient = SharedWithWorkers(inputGradient?.baseAddress)
        let layer = SharedWithWorkers(self)
        slices.forEachWorker(workers: workers) { sliceRange, _ in
            layer.value.backward(input: input.value, outputGradient: outputGradient.value,
                                 inputGradient: inputGradient.value, batch: batch, slices: sliceRange)
        }
        finishBackward(workers: workers)
    }

    /// Step 1 of a backward pass split across the caller's own threads: makes
    /// the per-slice partial sums ready for a batch of `batch` samples.
    public func prepareBackward(batch: Int) {
        partialCoefficientGradients.prepare(sliceCount: BatchSlices(batch: batch).count)
    }

    /// Step 3: adds the per-slice partial sums in slice order into
    /// `coefficientGradient` and computes `logitGradient` from them.
    public func finishBackward(workers: Int = 1) {
        partialCoefficientGradients.reduce(into: coefficientGradient.baseAddress)
        let tensors = SharedWithWorkers((UnsafePointer(probabilities.baseAddress),
                                         UnsafePointer(coefficientGradient.baseAddress), logitGradient.baseAddress, gateStride))
        ParallelFor.chunks(of: gateStride / 16, workers: gateCount >= 8192 ? workers : 1) { _, groups in
            let (probabilities, coefficientGradient, logitGradient, stride) = tensors.value
            GateRelaxation.backward(probabilities: probabilities, coefficientGradient: coefficientGradient,
                                    logitGradient: logitGradient, gateStride: stride, groups: groups)
        }
    }

    /// Step 2, the backward kernel for the slices `slices` of the batch (see
    /// `BatchSlices`), on the calling thread; call it for every slice, from any
    /// threads, between `prepareBackward` and `finishBackward`. Writes
    /// `inputGradient` on those samples (the first gate to touch a row stores,
    /// later ones add; unread rows are zeroed) and each slice's
    /// coefficient-gradient sums to its own partial-sum row.
    ///
    /// Gates outermost, so every row is streamed in long contiguous runs
    /// (measured: slices outermost, for cache reuse, ran 2× slower).
    public func backward(
        input: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>,
        inputGradient: UnsafeMutablePointer<Float>?, batch: Int, slices: Range<Int>
    ) {
        let batchSlices = BatchSlices(batch: batch)
        let samples = batchSlices.samples(of: slices)
        if let inputGradient {
            for unit in schedule.unreadInputs {
                (inputGradient + Int(unit) * batch + samples.lowerBound).update(repeating: 0, count: samples.count)
            }
        }
        let first = UnsafePointer(firstInput.baseAddress), second = UnsafePointer(secondInput.baseAddress)
        let firstTouch = UnsafePointer(schedule.firstTouch.baseAddress)
        let coefficients = UnsafePointer(self.coefficients.baseAddress), stride = gateStride
        let partials = partialCoefficientGradients.rows.baseAddress, partialLength = 4 * stride
        for gate in 0..<gateCount {
            let c1 = SIMD16<Float>(repeating: coefficients[stride + gate])
            let c2 = SIMD16<Float>(repeating: coefficients[2 * stride + gate])
            let c3 = SIMD16<Float>(repeating: coefficients[3 * stride + gate])
            let firstUnit = Int(first[gate]) * batch, secondUnit = Int(second[gate]) * batch
            let a = UnsafeRawPointer(input + firstUnit), b = UnsafeRawPointer(input + secondUnit)
            let g = UnsafeRawPointer(outputGradient + gate * batch)
            let touch = firstTouch[gate]
            for slice in slices {
                let range = batchSlices.samples(of: slice)
                let start = range.lowerBound * 4, end = range.upperBound * 4
                let sums: SIMD4<Float>
                if let inputGradient {
                    let da = UnsafeMutableRawPointer(inputGradient + firstUnit)
                    let db = UnsafeMutableRawPointer(inputGradient + secondUnit)
                    switch touch {
                    case 0: sums = Self.gateSlice(a, b, g, da, db, c1, c2, c3, start, end, storeA: false, storeB: false)
                    case 1: sums = Self.gateSlice(a, b, g, da, db, c1, c2, c3, start, end, storeA: true, storeB: false)
                    case 2: sums = Self.gateSlice(a, b, g, da, db, c1, c2, c3, start, end, storeA: false, storeB: true)
                    default: sums = Self.gateSlice(a, b, g, da, db, c1, c2, c3, start, end, storeA: true, storeB: true)
                    }
                } else {
                    sums = Self.gateSlice(a, b, g, nil, nil, c1, c2, c3, start, end, storeA: false, storeB: false)
                }
                let partial = partials + slice * partialLength + gate
                partial[0] = sums[0]
                partial[stride] = sums[1]
                partial[2 * stride] = sums[2]
                partial[3 * stride] = sums[3]
            }
        }
    }

    /// One gate over the bytes `start ..< end` of its rows: returns Σ g, Σ g·a,
    /// Σ g·b, Σ g·a·b and, when `da`/`db` are given, stores (first touch) or adds
    /// g·∂out/∂a = g·(c1 + c3·b) and g·∂out/∂b = g·(c2 + c3·a) into them.
    @inline(__always)
    static func gateSlice(
        _ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ g: UnsafeRawPointer,
        _ da: UnsafeMutableRawPointer?, _ db: UnsafeMutableRawPointer?,
        _ c1: SIMD16<Float>, _ c2: SIMD16<Float>, _ c3: SIMD16<Float>,
        _ start: Int, _ end: Int, storeA: Bool, storeB: Bool
    ) -> SIMD4<Float> {
        var sum0 = SIMD16<Float>(), sum1 = SIMD16<Float>(), sum2 = SIMD16<Float>(), sum3 = SIMD16<Float>()
        var offset = start
        while offset < end {
            let va = a.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
            let vb = b.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
            let vg = g.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
            let ga = vg * va
            sum0 += vg
            sum1 += ga
            sum2 = sum2.addingProduct(vg, vb)
            sum3 = sum3.addingProduct(ga, vb)
            if let da, let db {
                // In this order, so a gate whose two inputs are one unit gets both terms.
                let termA = vg * c1.addingProduct(c3, vb)
                let newA = storeA ? termA : da.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self) + termA
                da.storeBytes(of: newA, toByteOffset: offset, as: SIMD16<Float>.self)
                let termB = vg * c2.addingProduct(c3, va)
                let newB = storeB ? termB : db.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self) + termB
                db.storeBytes(of: newB, toByteOffset: offset, as: SIMD16<Float>.self)
            }
            offset += 64
        }
        return SIMD4(treeSum(sum0), treeSum(sum1), treeSum(sum2), treeSum(sum3))
    }
}
