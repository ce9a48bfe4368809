import Foundation
import GateLMSupport

/// Minibatch forward and backward passes of the integer window model.
extension IntegerWindowNetwork {
    /// The activations of one minibatch, allocated once (sample-major rows).
    public final class Workspace {
        public let batch: Int
        let inputs: AlignedBuffer<Float>          // x: batch × (W + T)·E
        let inputGradients: AlignedBuffer<Float>  // d loss / d x
        let tableKeep: AlignedBuffer<Float>       // batch × T: 0 (row dropped) or 1/(1 − p); empty without table dropout
        let sums: [AlignedBuffer<Float>]          // a = Ŵ·x per layer: batch × U
        let derivatives: [AlignedBuffer<Float>]   // d y / d pre per layer
        let outputs: [AlignedBuffer<Float>]       // y per layer (after dropout)
        let outputGradients: [AlignedBuffer<Float>]
        let keep: [AlignedBuffer<Float>]          // per layer: 0 or 1/(1 − p); empty without dropout
        let readoutSums: AlignedBuffer<Float>     // R̂·y: batch × C
        let logitGradients: AlignedBuffer<Float>
        /// The seed of the next batch's dropout masks.
        public var noiseSeed: UInt64

        public init(model: IntegerWindowNetwork, batch: Int) {
            precondition(batch >= 1, "a batch holds at least one context")
            self.batch = batch
            let c = model.configuration
            inputs = AlignedBuffer(count: batch * c.inputWidth)
            inputGradients = AlignedBuffer(count: batch * c.inputWidth)
            tableKeep = AlignedBuffer(count: c.tableDropout > 0 ? batch * c.hashedOrders.count : 0)
            sums = c.hiddenWidths.map { AlignedBuffer(count: batch * $0) }
            derivatives = c.hiddenWidths.map { AlignedBuffer(count: batch * $0) }
            outputs = c.hiddenWidths.map { AlignedBuffer(count: batch * $0) }
            outputGradients = c.hiddenWidths.map { AlignedBuffer(count: batch * $0) }
            keep = c.hiddenWidths.map { AlignedBuffer(count: c.dropout > 0 ? batch * $0 : 0) }
            readoutSums = AlignedBuffer(count: batch * model.classCount)
            logitGradients = AlignedBuffer(count: batch * model.classCount)
            noiseSeed = c.seed ^ 0x5EED_D209
        }
    }

    /// One minibatch of `count` ≤ `workspace.batch` contexts: `contexts[s·W + p]` (oldest first),
    /// `rows[s·T + t]` (the row of hashed table t), `targets[s]` (class indices). Returns the
    /// summed cross-entropy in nats and, when `backward`, leaves the gradient of the mean in the
    /// gradient buffers. With `noise` (the default when `backward`), the configured dropouts
    /// apply. Call `prepare()` after changing parameters.
    @discardableResult
    public func batch(contexts: UnsafePointer<UInt8>, rows: UnsafePointer<Int32>, targets: UnsafePointer<Int32>, count B: Int,
                      workspace w: Workspace, backward: Bool = true, noise: Bool? = nil) -> Double {
        precondition(B >= 1 && B <= w.batch, "1...\(w.batch) contexts per batch")
        let c = configuration, W = c.contextLength, T = c.hashedOrders.count, E = c.codeWidth, I = c.inputWidth, C = classCount
        let R = tableRows, L = largestLevel, levels = Float(L), smooth = relaxation == .smooth
        let dropping = (noise ?? backward) && c.dropout > 0, droppingRows = (noise ?? backward) && c.tableDropout > 0
        var rng = SplitMix64(seed: w.noiseSeed)
        if dropping || droppingRows { w.noiseSeed = rng.next() }
        if droppingRows { DropoutMask.fill(w.tableKeep.baseAddress, count: B * T, dropout: c.tableDropout, rng: &rng) }
        // The inputs: W byte codes, then T table rows.
        let X = w.inputs.baseAddress, codes = codeValues.baseAddress, tableValues = self.tableValues.baseAddress
        for s in 0..<B {
            let x = X + s * I
            for p in 0..<W { (x + p * E).update(from: codes + Int(contexts[s * W + p]) * E, count: E) }
            for t in 0..<T {
                let row = Int(rows[s * T + t])
                precondition(row >= 0 && row < R, "table row \(row) outside 0..<\(R)")
                let target = x + (W + t) * E
                target.update(from: tableValues + (t * R + row) * E, count: E)
                if droppingRows {
                    let k = w.tableKeep.baseAddress[s * T + t]
                    for e in 0..<E { target[e] *= k }
                }
            }
        }
        // Hidden layers.
        var input = UnsafePointer(X)
        for (l, layer) in layers.enumerated() {
            let U = layer.units, A = w.sums[l].baseAddress, D = w.derivatives[l].baseAddress, Y = w.outputs[l].baseAddress
            DenseProduct.multiply(input, layer.effectiveWeights.baseAddress, transposeB: true, into: A, m: B, n: U, k: layer.inputs)
            let g = layer.gain.baseAddress, b = layer.bias.baseAddress
            let lowest = -0.5 - c.surrogateWidth, highest = levels + 0.5 + c.surrogateWidth
            for s in 0..<B {
                for u in 0..<U {
                    let i = s * U + u, pre = g[u] * A[i] + b[u]
                    if smooth {
                        let y = 1 / (1 + exp(-pre))
                        Y[i] = y
                        D[i] = y * (1 - y)
                    } else {
                        Y[i] = min(max((pre + 0.5).rounded(.down), 0), levels) / levels
                        D[i] = pre >= lowest && pre <= highest ? 1 / levels : 0
                    }
                }
            }
            if dropping {
                let keep = w.keep[l].baseAddress
                DropoutMask.fill(keep, count: B * U, dropout: c.dropout, rng: &rng)
                for i in 0..<B * U { Y[i] *= keep[i] }
            }
            input = UnsafePointer(Y)
        }
        // Readout and loss.
        let U = lastWidth, raw = w.readoutSums.baseAddress, dl = w.logitGradients.baseAddress
        DenseProduct.multiply(input, effectiveReadout.baseAddress, transposeB: true, into: raw, m: B, n: C, k: U)
        let scale = readoutScale[0], q = effectiveReadoutBias.baseAddress, inverseCount = 1 / Float(B)
        var loss = 0.0
        for s in 0..<B {
            let r = raw + s * C, out = dl + s * C
            var largest = -Float.infinity
            for k in 0..<C {
                out[k] = scale * r[k] + q[k]
                largest = max(largest, out[k])
            }
            var sum: Float = 0
            for k in 0..<C {
                out[k] = exp(out[k] - largest)
                sum += out[k]
            }
            let target = Int(targets[s])
            loss -= Double(log(out[target] / sum))
            let inverse = 1 / sum
            for k in 0..<C { out[k] = out[k] * inverse * inverseCount }
            out[target] -= inverseCount
        }
        guard backward else { return loss }
        for gradient in gradients { gradient.buffer.update(repeating: 0) }
        backpropagate(contexts: contexts, rows: rows, count: B, workspace: w, dropping: dropping, droppingRows: droppingRows)
        return loss
    }

    private func backpropagate(contexts: UnsafePointer<UInt8>, rows: UnsafePointer<Int32>, count B: Int, workspace w: Workspace,
                               dropping: Bool, droppingRows: Bool) {
        let c = configuration, W = c.contextLength, T = c.hashedOrders.count, E = c.codeWidth, I = c.inputWidth, C = classCount
        let R = tableRows, U = lastWidth, n = layers.count
        let dl = w.logitGradients.baseAddress, raw = w.readoutSums.baseAddress, s = readoutScale[0]
        let dReadout = gradients[2 + 3 * n].baseAddress, dScale = gradients[3 + 3 * n].baseAddress, dQ = gradients[4 + 3 * n].baseAddress
        var scaleGradient: Float = 0
        for row in 0..<B {
            for k in 0..<C {
                scaleGradient += dl[row * C + k] * raw[row * C + k]
                dQ[k] += dl[row * C + k]
            }
        }
        dScale[0] = scaleGradient
        let last = w.outputs[n - 1].baseAddress
        DenseProduct.multiply(dl, transposeA: true, last, into: dReadout, m: C, n: U, k: B, alpha: s)
        DenseProduct.multiply(dl, effectiveReadout.baseAddress, into: w.outputGradients[n - 1].baseAddress, m: B, n: U, k: C, alpha: s)
        for l in stride(from: n - 1, through: 0, by: -1) {
            let layer = layers[l], units = layer.units
            let dY = w.outputGradients[l].baseAddress, D = w.derivatives[l].baseAddress, A = w.sums[l].baseAddress
            let g = layer.gain.baseAddress
            let dWeights = gradients[2 + 3 * l].baseAddress, dGain = gradients[3 + 3 * l].baseAddress, dBias = gradients[4 + 3 * l].baseAddress
            if dropping {
                let keep = w.keep[l].baseAddress
                for i in 0..<B * units { dY[i] *= keep[i] }
            }
            for row in 0..<B {
                for u in 0..<units {
                    let i = row * units + u, dPre = dY[i] * D[i]
                    dGain[u] += dPre * A[i]
                    dBias[u] += dPre
                    dY[i] = dPre * g[u]   // now d loss / d a
                }
            }
            let input = l == 0 ? w.inputs.baseAddress : w.outputs[l - 1].baseAddress
            DenseProduct.multiply(dY, transposeA: true, input, into: dWeights, m: units, n: layer.inputs, k: B)
            for r in 0..<units {
                let scale = layer.rowScale[r]
                if scale != 1 { for j in 0..<layer.inputs { dWeights[r * layer.inputs + j] *= scale } }
            }
            let dInput = l == 0 ? w.inputGradients.baseAddress : w.outputGradients[l - 1].baseAddress
            DenseProduct.multiply(dY, layer.effectiveWeights.baseAddress, into: dInput, m: B, n: layer.inputs, k: units)
        }
        // Into the code and table shadows, through their quantisers.
        let dX = w.inputGradients.baseAddress, dCode = gradients[0].baseAddress, dTables = gradients[1].baseAddress
        let codeSlopes = self.codeSlopes.baseAddress, tableSlopes = self.tableSlopes.baseAddress
        for row in 0..<B {
            let dx = dX + row * I
            for p in 0..<W {
                let base = Int(contexts[row * W + p]) * E
                for e in 0..<E { dCode[base + e] += dx[p * E + e] * codeSlopes[base + e] }
            }
            for t in 0..<T {
                let base = (t * R + Int(rows[row * T + t])) * E, k = droppingRows ? w.tableKeep.baseAddress[row * T + t] : 1
                for e in 0..<E { dTables[base + e] += dx[(W + t) * E + e] * k * tableSlopes[base + e] }
            }
        }
    }
}
