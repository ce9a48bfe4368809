import GateLMSupport
extension GateLayer {
    /// output[g] = c0 + c1·a + c2·b + c3·a·b for every gate and sample, on up to `workers` threads.
    ///
    /// - Parameters:
    ///   - input: `[inputCount × batch]`, unit-major.
    ///   - output: `[gateCount × batch]`, unit-major; overwritten.
    public func forward(input: AlignedBuffer<Float>, output: AlignedBuffer<Float>, batch: Int, workers: Int = 1) {
        precondition(input.count >= inputCount * batch && output.count >= gateCount * batch,
                     "GateLayer.forward: buffers too small for batch \(batch)")
        let input = SharedWithWorkers(UnsafePointer(input.baseAddress))
        let output = SharedWithWorkers(output.baseAddress)
        let layer = SharedWithWorkers(self)
        BatchSlices(batch: batch).forEachWorker(workers: workers) { _, samples in
            layer.value.forward(input: input.value, output: output.value, batch: batch, samples: samples)
        }
    }

    /// The forward kernel for one range of samples (a multiple of 16 long,
    /// starting at a multiple of 16), on the calling thread.
    public func forward(
        input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, batch: Int, samples: Range<Int>
    ) {
        precondition(samples.lowerBound % 16 == 0 && samples.count % 16 == 0 && samples.upperBound <= batch,
                     "GateLayer.forward: sample range \(samples) must be 16-aligned within batch \(batch)")
        let first = UnsafePointer(firstInput.baseAddress), second = UnsafePointer(secondInput.baseAddress)
        let coefficients = UnsafePointer(self.coefficients.baseAddress)
        let byteCount = samples.count * 4, stride = gateStride
        for gate in 0..<gateCount {
            let c0 = SIMD16<Float>(repeating: coefficients[gate]), c1 = SIMD16<Float>(repeating: coefficients[stride + gate])
            let c2 = SIMD16<Float>(repeating: coefficients[2 * stride + gate])
            let c3 = SIMD16<Float>(repeating: coefficients[3 * stride + gate])
            let a = UnsafeRawPointer(input + Int(first[gate]) * batch + samples.lowerBound)
            let b = UnsafeRawPointer(input + Int(second[gate]) * batch + samples.lowerBound)
            let out = UnsafeMutableRawPointer(output + gate * batch + samples.lowerBound)
            var offset = 0
            while offset < byteCount {
                let va = a.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
                let vb = b.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
                // c0 + c2·b + a·(c1 + c3·b)
                let slope = c1.addingProduct(c3, vb)
                let value = c0.addingProduct(c2, vb).addingProduct(va, slope)
                out.storeBytes(of: value, toByteOffset: offset, as: SIMD16<Float>.self)
                offset += 64
            }
        }
    }
}
