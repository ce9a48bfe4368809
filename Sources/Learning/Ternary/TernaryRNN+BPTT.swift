import Foundation
import GateLMSupport

/// Truncated back-propagation through time over chunks of `steps` bytes in `streams` streams.
extension TernaryRNN {
    /// The activations of one chunk and the state carried between chunks, allocated once.
    public final class Workspace {
        public let streams: Int, steps: Int
        /// Per stream, its state after the last chunk (streams × H: 0/1, or k-bit integers, in straight-through mode).
        public let state: AlignedBuffer<Float>
        // Time-major rows (t·streams + b).
        let inputs: AlignedBuffer<Float>        // v = [h; c]: rows × (H + E)
        let preActivations: AlignedBuffer<Float> // a = Ŵ·v (before gain and bias): rows × 2H
        let activations: AlignedBuffer<Float>    // z, n: rows × 2H
        let derivatives: AlignedBuffer<Float>    // d act / d pre: rows × 2H
        let states: AlignedBuffer<Float>         // h′: rows × H
        let readoutSums: AlignedBuffer<Float>    // R̂·h′: rows × C
        let logitGradients: AlignedBuffer<Float> // rows × C
        let stateGradients: AlignedBuffer<Float> // rows × H
        let preGradients: AlignedBuffer<Float>   // d loss / d a: rows × 2H
        let inputGradients: AlignedBuffer<Float> // one step: streams × (H + E)
        let carry: AlignedBuffer<Float>          // d loss / d h of the step before: streams × H
        let weightGradients: AlignedBuffer<Float> // d loss / d Ŵ
        let bytes: AlignedBuffer<UInt8>
        /// The state at the chunk's start (streams × H): the h of step 0's update.
        let startState: AlignedBuffer<Float>
        /// Per input of every row, 0 (dropped) or 1/(1 − p) (kept): rows × (H + E); empty without dropout.
        let keep: AlignedBuffer<Float>
        /// The seed of the next chunk's dropout masks (advanced by every chunk that draws them).
        public var noiseSeed: UInt64

        public init(model: TernaryRNN, streams: Int, steps: Int) {
            precondition(streams >= 1 && steps >= 1, "a chunk has at least one stream and one step")
            self.streams = streams
            self.steps = steps
            let rows = streams * steps, h = model.stateBits, inputs = model.inputWidth, c = model.classCount
            state = AlignedBuffer(count: streams * h)
            self.inputs = AlignedBuffer(count: rows * inputs)
            preActivations = AlignedBuffer(count: rows * 2 * h)
            activations = AlignedBuffer(count: rows * 2 * h)
            derivatives = AlignedBuffer(count: rows * 2 * h)
            states = AlignedBuffer(count: rows * h)
            readoutSums = AlignedBuffer(count: rows * c)
            logitGradients = AlignedBuffer(count: rows * c)
            stateGradients = AlignedBuffer(count: rows * h)
            preGradients = AlignedBuffer(count: rows * 2 * h)
            inputGradients = AlignedBuffer(count: streams * inputs)
            carry = AlignedBuffer(count: streams * h)
            weightGradients = AlignedBuffer(count: 2 * h * inputs)
            bytes = AlignedBuffer(count: rows)
            startState = AlignedBuffer(count: streams * h)
            keep = AlignedBuffer(count: model.configuration.dropout > 0 ? rows * inputs : 0)
            noiseSeed = model.configuration.seed ^ 0xD209_0C7
        }

        /// Sets every stream's state to zero (the circuit's reset state).
        public func resetState() { state.buffer.update(repeating: 0) }

        /// Sets stream `b`'s state to zero.
        public func resetState(stream b: Int, stateBits h: Int) {
            for i in 0..<h { state.baseAddress[b * h + i] = 0 }
        }
    }

    /// One chunk forward: reads `bytes[t·streams + b]` (time-major), carries the workspace state
    /// forward, and returns the summed cross-entropy in nats of `targets` (class indices, same
    /// layout) and, when `backward`, leaves the gradient of the mean in the gradient buffers.
    /// With `noise` (the default when `backward`) and a configured dropout p, every gate input
    /// is dropped with probability p and the kept ones scaled by 1/(1 − p) (inverted dropout, so
    /// the circuit, which drops nothing, needs no rescaling); the masks come from the workspace's
    /// `noiseSeed`. Call `prepare()` after changing parameters.
    @discardableResult
    public func chunk(bytes: UnsafePointer<UInt8>, targets: UnsafePointer<Int32>, workspace w: Workspace,
                      backward: Bool = true, noise: Bool? = nil) -> Double {
        let B = w.streams, T = w.steps, rows = B * T, H = stateBits, E = codeBits, I = inputWidth, C = classCount
        let V = w.inputs.baseAddress, A = w.preActivations.baseAddress, act = w.activations.baseAddress
        let der = w.derivatives.baseAddress, HS = w.states.baseAddress, codes = codeValues.baseAddress
        let g = gain.baseAddress, bias = self.bias.baseAddress, width = configuration.surrogateWidth
        let smooth = relaxation == .smooth, signed = signedInputs
        let range = configuration.stateRange, multilevel = configuration.activationBits > 1
        let lo = Float(range.lowerBound), hi = Float(range.upperBound), span = hi - lo
        let candidateWindow = width / 2, stateScale = configuration.stateInputScale
        let dropping = (noise ?? backward) && configuration.dropout > 0
        if dropping { drawDropoutMasks(w) }
        let keep = w.keep.baseAddress
        for i in 0..<rows { w.bytes.baseAddress[i] = bytes[i] }
        w.startState.buffer.update(fromContentsOf: w.state.buffer)
        // Forward in time.
        for t in 0..<T {
            for b in 0..<B {
                let row = t * B + b, v = V + row * I, previous = previousState(t: t, stream: b, w)
                if signed {
                    for i in 0..<H { v[i] = 2 * previous[i] - 1 }
                } else if stateScale != 1 {
                    for i in 0..<H { v[i] = stateScale * previous[i] }
                } else {
                    v.update(from: previous, count: H)
                }
                (v + H).update(from: codes + Int(bytes[row]) * E, count: E)
                if dropping { for j in 0..<I { v[j] *= keep[row * I + j] } }
            }
            DenseProduct.multiply(V + t * B * I, effectiveWeights.baseAddress, transposeB: true, into: A + t * B * 2 * H,
                                  m: B, n: 2 * H, k: I)
            for b in 0..<B {
                let row = t * B + b, a = A + row * 2 * H, z = act + row * 2 * H, d = der + row * 2 * H
                for u in 0..<2 * H {
                    let pre = g[u] * a[u] + bias[u]
                    if multilevel && u >= H {
                        // The k-bit candidate: pre rounded (halves up) and clamped to lo…hi; straight
                        // through within the range widened by the surrogate width.
                        if smooth {
                            let s = 1 / (1 + exp(-pre))
                            z[u] = lo + span * s
                            d[u] = span * s * (1 - s)
                        } else {
                            let level = min(max((pre + 0.5).rounded(.down), lo), hi)
                            z[u] = level
                            // As the binary step passes gradient only near its threshold, the k-bit
                            // candidate passes it only near one of its 2ᵏ − 1 rounding boundaries
                            // (lo + ½ … hi − ½): within half the surrogate width of the nearest.
                            let boundary = min(max((pre).rounded(.down) + 0.5, lo + 0.5), hi - 0.5)
                            d[u] = abs(pre - boundary) <= candidateWindow ? 1 : 0
                        }
                    } else if smooth {
                        let s = 1 / (1 + exp(-pre))
                        z[u] = s
                        d[u] = s * (1 - s)
                    } else {
                        z[u] = pre >= 0 ? 1 : 0
                        d[u] = abs(pre) <= width ? 1 : 0
                    }
                }
                let previous = previousState(t: t, stream: b, w), h = HS + row * H
                for i in 0..<H { h[i] = previous[i] + z[i] * (z[H + i] - previous[i]) }
            }
        }
        for b in 0..<B { (w.state.baseAddress + b * H).update(from: HS + ((T - 1) * B + b) * H, count: H) }
        // Readout and loss.
        let raw = w.readoutSums.baseAddress, dl = w.logitGradients.baseAddress
        DenseProduct.multiply(HS, effectiveReadout.baseAddress, transposeB: true, into: raw, m: rows, n: C, k: H)
        if signed {
            // R̂·(2h − 1) = 2·R̂·h − Σ R̂.
            let sums = effectiveReadoutRowSum.baseAddress
            for row in 0..<rows { for c in 0..<C { raw[row * C + c] = 2 * raw[row * C + c] - sums[c] } }
        }
        let s = readoutScale[0], q = effectiveReadoutBias.baseAddress
        var loss = 0.0
        let inverseRows = 1 / Float(rows)
        for row in 0..<rows {
            let r = raw + row * C, out = dl + row * C
            var largest = -Float.infinity
            for c in 0..<C {
                out[c] = s * r[c] + q[c]
                largest = max(largest, out[c])
            }
            var sum: Float = 0
            for c in 0..<C {
                out[c] = exp(out[c] - largest)
                sum += out[c]
            }
            let target = Int(targets[row])
            loss -= Double(log(out[target] / sum))
            let inverse = 1 / sum
            for c in 0..<C { out[c] = out[c] * inverse * inverseRows }
            out[target] -= inverseRows
        }
        guard backward else { return loss }
        for gradient in gradients { gradient.buffer.update(repeating: 0) }
        backpropagate(workspace: w, dropping: dropping)
        return loss
    }

    /// The state that step t of stream b updates: the chunk's start state, or step t − 1's h′.
    private func previousState(t: Int, stream b: Int, _ w: Workspace) -> UnsafePointer<Float> {
        let H = stateBits
        return t == 0 ? UnsafePointer(w.startState.baseAddress + b * H) : UnsafePointer(w.states.baseAddress + ((t - 1) * w.streams + b) * H)
    }

    /// Fills `keep` with 0 (probability p) or 1/(1 − p) from the workspace's noise seed, and advances it.
    private func drawDropoutMasks(_ w: Workspace) {
        var rng = SplitMix64(seed: w.noiseSeed)
        w.noiseSeed = rng.next()
        DropoutMask.fill(w.keep.baseAddress, count: w.keep.count, dropout: configuration.dropout, rng: &rng)
    }

    private func backpropagate(workspace w: Workspace, dropping: Bool) {
        let B = w.streams, T = w.steps, rows = B * T, H = stateBits, E = codeBits, I = inputWidth, C = classCount
        let V = w.inputs.baseAddress, A = w.preActivations.baseAddress, act = w.activations.baseAddress
        let der = w.derivatives.baseAddress, HS = w.states.baseAddress, dl = w.logitGradients.baseAddress
        let raw = w.readoutSums.baseAddress, s = readoutScale[0], signed = signedInputs
        // d loss / d h = σ′·(d loss / d σ(h)), σ′ = 2 for signed inputs.
        let inputSlope: Float = signed ? 2 : 1
        // d v / d h of the gates' state inputs: σ′, or the k-bit state's input scale.
        let gateSlope: Float = signed ? 2 : configuration.stateInputScale
        let (dCode, dWeights, dGain, dBias, dReadout, dScale, dQ) =
            (gradients[0].baseAddress, gradients[1].baseAddress, gradients[2].baseAddress, gradients[3].baseAddress,
             gradients[4].baseAddress, gradients[5].baseAddress, gradients[6].baseAddress)
        // The readout: logits = s·raw + q.
        var scaleGradient: Float = 0
        for row in 0..<rows {
            for c in 0..<C {
                scaleGradient += dl[row * C + c] * raw[row * C + c]
                dQ[c] += dl[row * C + c]
            }
        }
        dScale[0] = scaleGradient
        DenseProduct.multiply(dl, transposeA: true, HS, into: dReadout, m: C, n: H, k: rows, alpha: s * inputSlope)
        if signed {
            // dR = s·dlᵀ·(2h − 1) = 2s·dlᵀ·h − s·(Σ over rows of dl) in every column.
            for c in 0..<C { for j in 0..<H { dReadout[c * H + j] -= s * dQ[c] } }
        }
        let dHS = w.stateGradients.baseAddress, dA = w.preGradients.baseAddress, carry = w.carry.baseAddress
        DenseProduct.multiply(dl, effectiveReadout.baseAddress, into: dHS, m: rows, n: H, k: C, alpha: s * inputSlope)
        // Backward in time, truncated at the chunk's start.
        w.carry.buffer.update(repeating: 0)
        let g = gain.baseAddress, dV = w.inputGradients.baseAddress, codes = codeValues.baseAddress, code = self.code.baseAddress
        let smooth = relaxation == .smooth
        for t in stride(from: T - 1, through: 0, by: -1) {
            for b in 0..<B {
                let row = t * B + b, previous = previousState(t: t, stream: b, w), z = act + row * 2 * H, d = der + row * 2 * H
                let a = A + row * 2 * H, da = dA + row * 2 * H, dh = dHS + row * H, carried = carry + b * H
                for i in 0..<H {
                    let gradient = dh[i] + carried[i]
                    let dz = gradient * (z[H + i] - previous[i]) * d[i]
                    let dn = gradient * z[i] * d[H + i]
                    carried[i] = gradient * (1 - z[i])
                    dGain[i] += dz * a[i]
                    dBias[i] += dz
                    dGain[H + i] += dn * a[H + i]
                    dBias[H + i] += dn
                    da[i] = dz * g[i]
                    da[H + i] = dn * g[H + i]
                }
            }
            DenseProduct.multiply(dA + t * B * 2 * H, effectiveWeights.baseAddress, into: dV, m: B, n: I, k: 2 * H)
            for b in 0..<B {
                let dv = dV + b * I, carried = carry + b * H
                if dropping {
                    let keep = w.keep.baseAddress + (t * B + b) * I
                    for j in 0..<I { dv[j] *= keep[j] }
                }
                for i in 0..<H { carried[i] += gateSlope * dv[i] }
                let byte = Int(w.bytes.baseAddress[t * B + b])
                for e in 0..<E {
                    let index = byte * E + e
                    // Smooth: d σ(code)/d code, σ = the sigmoid p or 2p − 1 (then 2p(1 − p) = (1 + y)(1 − y)/2).
                    let y = codes[index]
                    let derivative: Float = smooth ? (signed ? (1 + y) * (1 - y) / 2 : y * (1 - y)) : (abs(code[index]) <= 1 ? 1 : 0)
                    dCode[index] += dv[H + e] * derivative
                }
            }
        }
        // dŴ = dAᵀ·V over all rows; through the ternarisation straight, times the row normalisation.
        DenseProduct.multiply(dA, transposeA: true, V, into: dWeights, m: 2 * H, n: I, k: rows)
        for r in 0..<2 * H {
            let scale = rowScale[r]
            if scale != 1 { for j in 0..<I { dWeights[r * I + j] *= scale } }
        }
    }

    /// Scales every gradient so their joint L2 norm is at most `maximum`; returns the norm before.
    @discardableResult
    public func clipGradients(to maximum: Float) -> Float { GradientClipping.clip(gradients, to: maximum) }

    /// The gradient of parameter `index` (in `parameters` order), for tests.
    public func gradient(_ index: Int) -> [Float] { gradients[index].array }
}
