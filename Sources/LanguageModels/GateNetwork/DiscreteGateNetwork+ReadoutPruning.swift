import Circuits
import Foundation
import Learning
import Text

/// Settings of readout pruning (`DiscreteGateNetwork.prunedReadout`).
public struct ReadoutPruningOptions: Sendable, Hashable {
    /// Training contexts in each of the two samples (one chooses the votes,
    /// the other decides when to stop), evenly spaced over the training positions.
    public var samples = 65_536
    /// Bits per byte the pruned readout may lose on the held-out sample
    /// against the unpruned one (0: it may not get worse at all).
    public var tolerance = 0.0

    public init(samples: Int = 65_536, tolerance: Double = 0) {
        self.samples = samples
        self.tolerance = tolerance
    }
}

/// What readout pruning did.
public struct ReadoutPruningReport: Sendable, Hashable {
    /// Training contexts in each sample.
    public var samples: Int
    /// Last-layer gates replaced by a constant.
    public var prunedGates: Int
    /// Rounds kept (each prunes at most one gate per class).
    public var rounds: Int
    /// Bits per byte on the held-out training contexts, before and after.
    public var trainingBitsBefore: Double
    public var trainingBitsAfter: Double
}

extension DiscreteGateNetwork {
    /// Readout pruning: replaces last-layer gates (the votes each class's
    /// score counts) by constants where the training data says the vote
    /// barely helps or hurts, so that the compiled popcounts lose an input
    /// each and the gates feeding only them disappear.
    ///
    /// A vote `x` of class c forced to the constant v changes c's score by
    /// `v − x`, so its exact effect on every sampled context's loss follows
    /// from that context's softmax (no re-simulation). Each round prunes, in
    /// every class, the vote whose constant costs least on one sample of
    /// training contexts (often a gain: the discretised readout is not
    /// calibrated); pruning stops before the first round that takes the
    /// bits/byte of a second, disjoint sample above the unpruned model's
    /// plus `tolerance` (choosing and stopping on the same contexts
    /// overfits them). One vote per class per round because votes of a
    /// class interact: each acts partly as a bias.
    ///
    /// The result computes different scores: it is an approximation, to be
    /// judged by validation bits/byte.
    public func prunedReadout(
        text: [UInt8], trainingPositions: Range<Int>, readout: ReadoutParameters,
        options: ReadoutPruningOptions = .init(), progress: (ReadoutPruningReport) -> Void = { _ in }
    ) -> (network: DiscreteGateNetwork, report: ReadoutPruningReport) {
        // Two interleaved samples: stride ≥ 2 keeps them disjoint.
        let stride = max(2, trainingPositions.count / max(1, options.samples))
        let positions = Swift.stride(from: trainingPositions.lowerBound, to: trainingPositions.upperBound, by: stride)
        let chosen = Array(positions.prefix(options.samples))
        let heldOut = Array(positions.map { $0 + stride / 2 }.filter { trainingPositions.contains($0) }.prefix(options.samples))
        var state = ReadoutPruningState(self, text: text, positions: chosen, readout: readout)
        var check = ReadoutPruningState(self, text: text, positions: heldOut, readout: readout)
        let before = check.bitsPerByte(check.scores)
        var report = ReadoutPruningReport(samples: state.count, prunedGates: 0, rounds: 0,
                                          trainingBitsBefore: before, trainingBitsAfter: before)
        while let round = state.cheapestVotes() {
            let scores = check.scoresAfterPruning(round)
            let bits = check.bitsPerByte(scores)
            if bits > before + options.tolerance { break }
            check.scores = scores
            state.scores = state.scoresAfterPruning(round)
            for (gate, value) in round { state.constant[gate] = value }
            report.rounds += 1
            report.prunedGates += round.count
            report.trainingBitsAfter = bits
            progress(report)
        }
        var network = self
        let last = layers.count - 1
        var functions = layers[last].functions
        for (gate, value) in state.constant.enumerated() {
            if let value { functions[gate] = (value ? BooleanFunction2.constantTrue : .constantFalse).index }
        }
        network.layers[last] = DiscreteGateLayer(inputCount: layers[last].inputCount, inputA: layers[last].inputA,
                                                 inputB: layers[last].inputB, functions: functions)
        return (network, report)
    }
}

/// A sample of contexts, their last-layer votes and scores, and which votes are pruned.
private struct ReadoutPruningState {
    let count: Int, classCount: Int, groupSize: Int
    let votes: [UInt64]
    let wordsPerUnit: Int
    /// Target class of each context (nil outside the vocabulary) and its byte.
    let targets: [Int?], targetBytes: [UInt8]
    let vocabulary: ByteVocabulary
    let readout: ReadoutParameters
    /// Current scores, context-major.
    var scores: [Int32]
    /// The constant each last-layer gate is pruned to, if it is.
    var constant: [Bool?]

    init(_ network: DiscreteGateNetwork, text: [UInt8], positions sampled: [Int], readout: ReadoutParameters) {
        count = sampled.count
        classCount = network.classCount
        groupSize = network.groupSize
        var contexts = [UInt8](repeating: 0, count: count * network.contextLength)
        let window = ContextWindow(width: network.contextLength)
        text.withUnsafeBufferPointer { text in
            contexts.withUnsafeMutableBufferPointer { contexts in
                sampled.withUnsafeBufferPointer { window.fill(contexts, at: $0, in: text) }
            }
        }
        (votes, wordsPerUnit) = network.lastLayerWords(contexts: contexts, count: count)
        let vocabulary = ByteVocabulary(bytes: network.classBytes)
        precondition(vocabulary.bytes == network.classBytes, "readout pruning needs the classes in byte order")
        self.vocabulary = vocabulary
        targetBytes = sampled.map { text[$0] }
        targets = targetBytes.map { vocabulary.classIndex(of: $0) }
        self.readout = readout
        var scores = GroupSum.integerScores(outputWords: votes, wordsPerUnit: wordsPerUnit, sampleCount: count,
                                            classCount: classCount, groupSize: groupSize)
        // A count ROM's votes are part of every score (fixed while pruning).
        network.countROM?.addScores(contexts: contexts, count: count, contextLength: network.contextLength,
                                    classCount: classCount, to: &scores)
        self.scores = scores
        constant = [Bool?](repeating: nil, count: classCount * groupSize)
    }

    /// Bits per byte of the sampled contexts under `scores`.
    func bitsPerByte(_ scores: [Int32]) -> Double {
        var total = BitsPerByte()
        scores.withUnsafeBufferPointer { scores in
            for s in 0..<count {
                total.add(target: targetBytes[s], scores: UnsafeBufferPointer(rebasing: scores[(s * classCount)..<((s + 1) * classCount)]),
                          divisor: readout.temperature, vocabulary: vocabulary, epsilon: readout.epsilon)
            }
        }
        return total.mean
    }

    /// For every class, the unpruned vote whose best constant costs least
    /// on the sampled contexts, with that constant; nil when none is left.
    func cheapestVotes() -> [(gate: Int, value: Bool)]? {
        let (raise, lower) = lossChanges()
        var round: [(gate: Int, value: Bool)] = []
        for c in 0..<classCount {
            var best: (cost: Double, gate: Int, value: Bool)?
            let raiseAll = raise[(c * count)..<((c + 1) * count)].reduce(0, +)
            for gate in (c * groupSize)..<((c + 1) * groupSize) where constant[gate] == nil {
                // Forcing 1 raises the score where the vote is 0; forcing 0 lowers it where it is 1.
                var raiseWhereOne = 0.0, lowerWhereOne = 0.0
                forEachContext(whereVoteOf: gate) { s in
                    raiseWhereOne += raise[c * count + s]
                    lowerWhereOne += lower[c * count + s]
                }
                let toOne = raiseAll - raiseWhereOne, toZero = lowerWhereOne
                let candidate = toOne < toZero ? (toOne, gate, true) : (toZero, gate, false)
                if best == nil || candidate.0 < best!.cost { best = candidate }
            }
            if let best { round.append((best.gate, best.value)) }
        }
        return round.isEmpty ? nil : round
    }

    /// The scores once every gate of `round` is its constant.
    func scoresAfterPruning(_ round: [(gate: Int, value: Bool)]) -> [Int32] {
        var next = scores
        for (gate, value) in round {
            let c = gate / groupSize
            if value {
                for s in 0..<count { next[s * classCount + c] += 1 }
                forEachContext(whereVoteOf: gate) { s in next[s * classCount + c] -= 1 }
            } else {
                forEachContext(whereVoteOf: gate) { s in next[s * classCount + c] -= 1 }
            }
        }
        return next
    }

    /// Calls `body` with every sampled context on which `gate` votes 1.
    @inline(__always)
    func forEachContext(whereVoteOf gate: Int, _ body: (Int) -> Void) {
        votes.withUnsafeBufferPointer { votes in
            for w in 0..<wordsPerUnit {
                var bits = votes[gate * wordsPerUnit + w]
                if w == wordsPerUnit - 1 && count % 64 != 0 { bits &= (1 << UInt64(count % 64)) - 1 }
                while bits != 0 {
                    body(w * 64 + bits.trailingZeroBitCount)
                    bits &= bits - 1
                }
            }
        }
    }

    /// For each class c and context s (class-major, `c · count + s`), the
    /// change in the context's bits when c's score rises by one, and when it falls by one.
    func lossChanges() -> (raise: [Double], lower: [Double]) {
        var raise = [Double](repeating: 0, count: classCount * count), lower = raise
        let tau = readout.temperature, epsilon = readout.epsilon
        let up = exp(1 / tau), down = exp(-1 / tau)
        var weights = [Double](repeating: 0, count: classCount)
        for s in 0..<count {
            let row = s * classCount
            var maximum = scores[row]
            for c in 0..<classCount where scores[row + c] > maximum { maximum = scores[row + c] }
            var normalizer = 0.0
            for c in 0..<classCount {
                weights[c] = exp(Double(scores[row + c] - maximum) / tau)
                normalizer += weights[c]
            }
            let target = targets[s]
            let targetWeight = target.map { weights[$0] } ?? 0
            let bits = -log2(BitsPerByte.mixed(probability: targetWeight / normalizer, epsilon: epsilon))
            // The bits of the context once class c's weight is multiplied by `factor`.
            @inline(__always) func change(_ c: Int, _ factor: Double) -> Double {
                let changed = normalizer + weights[c] * (factor - 1)
                let numerator = target == c ? targetWeight * factor : targetWeight
                return -log2(BitsPerByte.mixed(probability: numerator / changed, epsilon: epsilon)) - bits
            }
            for c in 0..<classCount {
                raise[c * count + s] = change(c, up)
                lower[c * count + s] = change(c, down)
            }
        }
        return (raise, lower)
    }
}
