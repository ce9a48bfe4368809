import Foundation
import GateLMSupport
import Learning
import Text

/// Fitting the circuit's readout to the discrete network, after training.
///
/// The relaxed model is trained; the circuit is its discretisation, whose integer scores are
/// spread differently (every vote is 0 or 1, not a probability). With the gates fixed at
/// their discrete functions, this fits on training positions what the circuit's scores are read
/// with: the readout temperature τ of the circuit and, in a hybrid, the count ROM's integer
/// mixing weights (kept integers by straight-through rounding; counts leave each position's
/// own occurrence out, as in training). The gates, embedding and tables do not change.
public struct ReadoutCalibration: Sendable, Hashable, Codable {
    /// Training positions used.
    public var samples: Int
    /// τ before and after.
    public var temperatureBefore: Double
    public var temperatureAfter: Double
    /// Bits/byte of the circuit on the samples before and after.
    public var bitsBefore: Double
    public var bitsAfter: Double
    /// Whether the count ROM's weights were refitted too.
    public var refittedCountWeights: Bool

    /// Full-batch Adam steps.
    public static let steps = 120

    /// Fits the readout of `model` on `positions` of `text` (training positions) and applies it:
    /// `model.circuitTemperature`, and the mixer's weights in a hybrid. Needs the counts attached
    /// for a hybrid. Returns what changed; the model is left as it was if the fit did not help.
    public static func fit(_ model: GateNetworkModel, text: [UInt8], positions: [Int], workers: Int = 2) -> ReadoutCalibration {
        let network = model.discretized()
        let w = network.contextLength, classes = network.classCount, n = positions.count
        var contexts = [UInt8](repeating: 0, count: n * w)
        let window = ContextWindow(width: w)
        text.withUnsafeBufferPointer { text in
            contexts.withUnsafeMutableBufferPointer { c in positions.withUnsafeBufferPointer { window.fill(c, at: $0, in: text) } }
        }
        // The gates' integer scores (without the ROM), [sample · classes + class].
        let gateScores = network.groupScores(contexts: contexts, count: n).map(Float.init)
        let targets = positions.map { Int32(model.vocabulary.classIndex(of: text[$0]) ?? -1) }
        // Leave-one-out ROM entries of each sample.
        let mixer = model.countMixer
        let perContext = mixer?.entriesPerContext ?? 0
        var entries = [UInt16](repeating: 0, count: n * perContext)
        if let mixer {
            var rows = [UInt32](repeating: 0, count: n)
            contexts.withUnsafeBufferPointer { c in
                targets.withUnsafeBufferPointer { t in
                    rows.withUnsafeMutableBufferPointer { r in
                        entries.withUnsafeMutableBufferPointer { e in
                            mixer.entries(contexts: c.baseAddress!, batch: n, contextLength: w, targets: t.baseAddress!,
                                          leaveOneOut: true, rows: r.baseAddress!, into: e.baseAddress!)
                        }
                    }
                }
            }
        }
        let weightCount = mixer?.weights.count ?? 0
        let weightBits = mixer?.weightBits ?? 0, top = Float((1 << weightBits) - 1)
        let startTemperature = model.circuitTemperature ?? model.readout.temperature
        // Parameters: s = ln τ, v = the weights in score units (used rounded and clamped).
        var s = log(startTemperature)
        var v = (0..<weightCount).map { Float(mixer!.integerWeight($0)) }
        let epsilon = model.readout.epsilon
        var adam = (ms: Float(0), vs: Float(0), mv: [Float](repeating: 0, count: weightCount), vv: [Float](repeating: 0, count: weightCount))
        var best = (bits: Double.infinity, s: s, v: v), first = Double.nan
        var gradient = [Float](repeating: 0, count: weightCount)
        let counted = max(1, targets.filter { $0 >= 0 }.count)
        let chunks = max(1, min(workers, n / 4096))
        for step in 0...steps {
            let tau = exp(s)
            let rounded = v.enumerated().map { CountMixer.vote($0.element, index: $0.offset, weightBits: weightBits) }
            // Each worker sums its own contiguous chunk of samples; the chunks are added in order.
            var parts = [Pass](repeating: Pass(weights: weightCount), count: chunks)
            let shared = SharedWithWorkers((gateScores, entries, targets, rounded))
            parts.withUnsafeMutableBufferPointer { parts in
                let out = SharedWithWorkers(parts.baseAddress!)
                ParallelFor.chunks(of: n, workers: chunks) { worker, range in
                    let (gateScores, entries, targets, rounded) = shared.value
                    out.value[worker] = Pass.run(samples: range, gateScores: gateScores, entries: entries, targets: targets,
                                                 rounded: rounded, classes: classes, perContext: perContext, tau: tau,
                                                 epsilon: epsilon, gradient: step < steps)
                }
            }
            let loss = parts.reduce(0) { $0 + $1.loss }, gradientS = parts.reduce(0) { $0 + $1.gradientS }
            for i in gradient.indices { gradient[i] = parts.reduce(0) { $0 + $1.gradient[i] } }
            let bits = loss / Double(counted) / log(2)
            if step == 0 { first = bits }
            if bits < best.bits { best = (bits, s, v) }
            guard step < steps else { break }
            // Adam on the mean loss: lr 0.02 on ln τ, 0.3 score units on the weights.
            let t = Float(step + 1), c1 = 1 - pow(0.9, t), c2 = 1 - pow(0.999, t)
            let gs = Float(gradientS) / Float(counted)
            adam.ms = 0.9 * adam.ms + 0.1 * gs
            adam.vs = 0.999 * adam.vs + 0.001 * gs * gs
            s -= 0.02 * (adam.ms / c1) / ((adam.vs / c2).squareRoot() + 1e-8)
            for i in 0..<weightCount where i % CountLevel.count != 0 {
                var g = gradient[i] / Float(counted)
                if (v[i] < 0 && g > 0) || (v[i] > top && g < 0) { g = 0 }
                adam.mv[i] = 0.9 * adam.mv[i] + 0.1 * g
                adam.vv[i] = 0.999 * adam.vv[i] + 0.001 * g * g
                v[i] -= 0.3 * (adam.mv[i] / c1) / ((adam.vv[i] / c2).squareRoot() + 1e-8)
            }
        }
        if best.bits < first {
            model.circuitTemperature = exp(best.s)
            if let mixer {
                // Stored as nats of the soft readout, so that round(u · τ_soft) is the fitted integer.
                for i in 0..<weightCount { mixer.weights[i] = CountMixer.vote(best.v[i], index: i, weightBits: weightBits) / mixer.temperature }
            }
        }
        return ReadoutCalibration(samples: n, temperatureBefore: Double(startTemperature),
                                  temperatureAfter: Double(model.circuitTemperature ?? model.readout.temperature),
                                  bitsBefore: first, bitsAfter: min(first, best.bits), refittedCountWeights: mixer != nil && best.bits < first)
    }

    /// `count` training positions evenly spaced over `training`.
    public static func positions(count: Int, in training: Range<Int>) -> [Int] {
        guard count < training.count else { return Array(training) }
        return (0..<count).map { training.lowerBound + Int((Double($0) + 0.5) * Double(training.count) / Double(count)) }
    }

    /// One pass of the fit over a chunk of samples: Σ −ln q and the gradients of ln τ and of the votes.
    struct Pass {
        var loss = 0.0
        var gradientS = 0.0
        var gradient: [Float]

        init(weights: Int) { gradient = [Float](repeating: 0, count: weights) }

        static func run(samples: Range<Int>, gateScores: [Float], entries: [UInt16], targets: [Int32], rounded: [Float],
                        classes: Int, perContext: Int, tau: Float, epsilon: Float, gradient wantGradient: Bool) -> Pass {
            var pass = Pass(weights: rounded.count)
            var z = [Float](repeating: 0, count: classes), offsets = [Float](repeating: 0, count: classes)
            for sample in samples {
                let target = Int(targets[sample])
                guard target >= 0 else { continue }
                for c in 0..<classes { offsets[c] = 0 }
                for j in 0..<perContext {
                    let (c, level) = CountTable.unpack(entries[sample * perContext + j])
                    offsets[c] += rounded[j * CountLevel.count + level]
                }
                var maximum = -Float.infinity
                for c in 0..<classes {
                    z[c] = (gateScores[sample * classes + c] + offsets[c]) / tau
                    maximum = max(maximum, z[c])
                }
                var total: Float = 0
                for c in 0..<classes {
                    z[c] -= maximum
                    total += exp(z[c])
                }
                let p = exp(z[target]) / total
                let q = (1 - epsilon) * p + epsilon / 256
                pass.loss -= Double(log(q))
                guard wantGradient else { continue }
                let weight = (1 - epsilon) * p / q
                // ∂(−ln q)/∂z_c = weight · (p_c − [c = t]); z_c = score_c · e^(−s), so ∂z_c/∂s = −z_c
                // (with z shifted by the maximum: the shift's terms sum to zero).
                for c in 0..<classes {
                    let g = weight * (exp(z[c]) / total - (c == target ? 1 : 0))
                    pass.gradientS -= Double(g * (z[c] + maximum))
                    z[c] = g / tau   // now ∂/∂score_c
                }
                for j in 0..<perContext {
                    let (c, level) = CountTable.unpack(entries[sample * perContext + j])
                    if level != 0 { pass.gradient[j * CountLevel.count + level] += z[c] }
                }
            }
            return pass
        }
    }
}
