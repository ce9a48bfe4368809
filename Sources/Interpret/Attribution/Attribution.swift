import Circuits
import Foundation
import LanguageModels

/// `gatelm attribute`: exact counterfactual effects on one prediction. Every
/// number is a re-simulation of the changed context or of the patched
/// circuit, not an estimate: there is no replacement model and no error term.
public struct Attribution: Codable, Sendable {
    /// The effect of a change on the target: score, probability and margin differences (changed − original).
    public struct Effect: Codable, Sendable, Hashable {
        /// Difference in the target's integer score.
        public var effect: Int
        public var probabilityEffect: Double
        /// Difference in the target's margin (its score minus the best other score).
        public var marginEffect: Int
        /// The top byte after the change.
        public var top: Int
    }

    public struct BitEffect: Codable, Sendable {
        /// 1 = the most recent byte.
        public var position: Int
        public var bit: Int
        /// The bit's value in the context.
        public var value: Bool
        public var effect: Int
        public var probabilityEffect: Double
        public var marginEffect: Int
        public var changesTop: Bool
    }

    public struct ByteEffect: Codable, Sendable {
        public var position: Int
        /// The byte at this position in the context.
        public var byte: Int
        public var minEffect: Int
        public var meanEffect: Double
        public var maxEffect: Int
        public var minProbabilityEffect: Double
        public var maxProbabilityEffect: Double
        /// Replacement bytes that change the top prediction.
        public var topChangingReplacements: [Int]
    }

    public struct NodeEffect: Codable, Sendable {
        /// The node's stable name (see `NodeCatalog`).
        public var node: String
        /// Its AIG variable.
        public var variable: Int
        /// Its value on the context (of the named signal).
        public var value: Bool
        public var effect: Int
        public var probabilityEffect: Double
        public var marginEffect: Int
        public var changesTop: Bool
    }

    /// A node of the attribution graph: input-invariant structure (`gate`,
    /// `fanins`) and input-dependent values (`value`, `effect`).
    public struct GraphNode: Codable, Sendable {
        public var node: String
        public var variable: Int
        /// `and` (the AIG node: fanin0 ∧ fanin1, with `!` for complemented fanins) or `input`.
        public var gate: String
        /// The fanins as names, `!` marking a complemented edge (input-invariant).
        public var fanins: [String]
        public var value: Bool
        public var effect: Int
    }

    /// An edge from a node to one of its fanins that also moves the target.
    public struct Edge: Codable, Sendable, Hashable {
        public var from: String
        public var to: String
    }

    /// The target byte.
    public var target: Int
    public var targetText: String
    /// The model's top byte on the context.
    public var prediction: Int
    public var score: Int
    public var probability: Double
    public var margin: Int
    /// The context, oldest byte first, as hex.
    public var context: String
    public var padded: Bool
    public var bits: [BitEffect]
    public var bytes: [ByteEffect]
    /// Every node whose flip changes the target's score or probability, by decreasing |probability effect|.
    public var nodes: [NodeEffect]
    /// Nodes patched: every AND that reaches an output (`nodeScope` all), or those of them the circuit names (named).
    public var patchedNodes: Int
    /// Which ANDs (c) flipped: `all`, or `named` (units, gates, votes, tables: what the circuit names; on a circuit of
    /// more than `Attribution.exhaustiveNodeLimit` live ANDs by default, where flipping each adder-tree bit would
    /// cost minutes and say little).
    public var nodeScope: NodeScope

    /// Which ANDs (c) flips.
    public enum NodeScope: String, Codable, Sendable, CaseIterable {
        case all, named
        /// `all` up to `exhaustiveNodeLimit` live ANDs, `named` above.
        case auto
    }

    /// Live ANDs up to which `auto` flips every one (the 200K-AND gate networks: under a second).
    public static let exhaustiveNodeLimit = 1 << 18
    /// The attribution graph on the target's score: the nodes whose flip changes it, and edges to their fanins that do too.
    public var graph: [GraphNode]
    public var edges: [Edge]

    public struct TargetError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The prediction an attribution questions and its target byte: what the node attribution
    /// and the unit attribution (`UnitAttribution`) share.
    struct Question {
        let context: [UInt8]
        let original: Prediction
        let targetClass: Int
        let classBytes: [UInt8]

        /// The prediction at `position` of `prompt` (default: after the whole prompt); `target`
        /// defaults to the predicted byte.
        init(model: CircuitLanguageModel, prompt: [UInt8], position: Int?, target: UInt8?) throws(TargetError) {
            context = PromptContexts(prompt: prompt, model: model).context(at: position ?? prompt.count)
            original = model.predictions(contexts: context, count: 1)[0]
            classBytes = model.classBytes
            if let target {
                guard let c = model.classIndex(of: target) else {
                    throw TargetError(description: "the model has no class for byte 0x\(hexString([target])) (\(printableByte(target))): it never predicts it")
                }
                targetClass = c
            } else {
                targetClass = original.topClass
            }
        }

        var target: Int { Int(classBytes[targetClass]) }
        var targetText: String { printableByte(classBytes[targetClass]) }
        var prediction: Int { Int(classBytes[original.topClass]) }
        var score: Int { Int(original.scores[targetClass]) }
        var probability: Double { original.probabilities[targetClass] }
        var margin: Int { Int(original.margin(ofClass: targetClass)) }

        /// What `changed` does to the target, against the original prediction.
        func effect(of changed: Prediction) -> Effect {
            Effect(effect: Int(changed.scores[targetClass]) - score, probabilityEffect: changed.probabilities[targetClass] - probability,
                   marginEffect: Int(changed.margin(ofClass: targetClass)) - margin, top: Int(classBytes[changed.topClass]))
        }
    }

    /// Attributes the prediction at `position` of `prompt` (default: after the whole prompt).
    public init(model: CircuitLanguageModel, catalog: NodeCatalog, prompt: [UInt8], position: Int? = nil,
                target: UInt8? = nil, nodes scope: NodeScope = .auto) throws(TargetError) {
        let question = try Question(model: model, prompt: prompt, position: position, target: target)
        let contexts = PromptContexts(prompt: prompt, model: model)
        let t = position ?? prompt.count
        let context = question.context, original = question.original, targetClass = question.targetClass
        func effect(of changed: Prediction) -> Effect { question.effect(of: changed) }
        let w = model.contextLength
        let predictedByte = question.prediction
        self.target = question.target
        targetText = question.targetText
        prediction = question.prediction
        score = question.score
        probability = question.probability
        margin = question.margin
        self.context = hexString(context)
        padded = contexts.isPadded(t)

        // (a) and (b): every single-bit flip and every byte replacement, one simulation.
        var changed = [UInt8]()
        changed.reserveCapacity(w * 8 * w + w * 255 * w)
        for p in 1...w {
            for b in 0..<8 {
                var c = context
                c[w - p] ^= 1 << UInt8(b)
                changed += c
            }
        }
        for p in 1...w {
            for value in 0...255 where UInt8(value) != context[w - p] {
                var c = context
                c[w - p] = UInt8(value)
                changed += c
            }
        }
        let predictions = model.predictions(contexts: changed, count: changed.count / w)
        bits = (0..<w * 8).map { i in
            let e = effect(of: predictions[i])
            return BitEffect(position: i / 8 + 1, bit: i % 8, value: ContextBits.value(context, input: i),
                             effect: e.effect, probabilityEffect: e.probabilityEffect, marginEffect: e.marginEffect,
                             changesTop: e.top != predictedByte)
        }
        bytes = (0..<w).map { p in
            let effects = (0..<255).map { effect(of: predictions[w * 8 + p * 255 + $0]) }
            let replacements = (0...255).filter { UInt8($0) != context[w - 1 - p] }
            return ByteEffect(position: p + 1, byte: Int(context[w - 1 - p]),
                              minEffect: effects.map(\.effect).min()!, meanEffect: Double(effects.map(\.effect).reduce(0, +)) / 255,
                              maxEffect: effects.map(\.effect).max()!,
                              minProbabilityEffect: effects.map(\.probabilityEffect).min()!,
                              maxProbabilityEffect: effects.map(\.probabilityEffect).max()!,
                              topChangingReplacements: zip(replacements, effects).filter { $0.1.top != predictedByte }.map(\.0))
        }

        // (c): every live AND node flipped, 64 per pass.
        let aig = model.aig
        let faults = FaultSimulation(aig, inputBits: ContextBits.values(context))
        let base = faults.base   // every variable's value on the context, simulated once
        let live = (aig.firstAndVariable ..< aig.variableCount).filter { faults.isLive($0) }
        nodeScope = scope == .auto ? (live.count <= Self.exhaustiveNodeLimit ? .all : .named) : scope
        let andLayer = catalog.layers.firstIndex(of: "and")
        let patched = nodeScope == .all ? live : live.filter { v in
            let index = catalog.nodeOfVariable[v]
            return index >= 0 && catalog.nodes[Int(index)].layer != andLayer
        }
        patchedNodes = patched.count
        var scratch = FaultSimulation.Scratch()
        var nodeEffects = [NodeEffect](), scoreMoving = [Int: Int]()   // variable → effect on the target's score
        let classCount = model.classCount
        let readout = model.effectiveReadout
        let originalMargin = Int(original.margin(ofClass: targetClass))
        // Flat (class, bit) → output index lists, and 64 lanes of scores decoded per batch without allocating.
        let planes = model.scoreOutputs
        var laneScores = [Int32](repeating: 0, count: 64 * classCount)
        for start in stride(from: 0, to: patched.count, by: 64) {
            let batch = Array(patched[start ..< min(start + 64, patched.count)])
            let outputWords = faults.outputs(flipping: batch, scratch: &scratch)
            var changedLanes: UInt64 = 0
            for (c, bits) in planes.enumerated() {
                for (i, o) in bits.enumerated() {
                    let baseWord: UInt64 = original.scores[c] >> Int32(i) & 1 == 1 ? ~0 : 0
                    changedLanes |= outputWords[o] ^ baseWord
                }
            }
            changedLanes &= batch.count == 64 ? ~0 : (1 << UInt64(batch.count)) - 1
            guard changedLanes != 0 else { continue }
            laneScores.withUnsafeMutableBufferPointer { scores in
                for i in scores.indices { scores[i] = 0 }
                for (c, bits) in planes.enumerated() {
                    for (i, o) in bits.enumerated() {
                        var word = outputWords[o] & changedLanes
                        while word != 0 {
                            let lane = word.trailingZeroBitCount
                            scores[lane * classCount + c] |= 1 << Int32(i)
                            word &= word - 1
                        }
                    }
                }
            }
            var lanes = changedLanes
            while lanes != 0 {
                let lane = lanes.trailingZeroBitCount
                lanes &= lanes - 1
                let v = batch[lane]
                let row = laneScores[lane * classCount ..< (lane + 1) * classCount]
                // Target score, probability, margin and top of the patched circuit, straight from the row.
                var best = Int32.min, top = 0, bestOther = Int32.min
                for (c, score) in row.enumerated() {
                    if score > best { best = score; top = c }
                    if c != targetClass && score > bestOther { bestOther = score }
                }
                var normalizer = 0.0
                for score in row { normalizer += exp((Double(score) - Double(best)) / readout.temperature) }
                let targetScore = row[row.startIndex + targetClass]
                let softmax = exp((Double(targetScore) - Double(best)) / readout.temperature) / normalizer
                let probability = (1 - readout.epsilon) * softmax + readout.epsilon / 256   // as BitsPerByte.mixed
                if bestOther == Int32.min { bestOther = targetScore }   // a single class has no competitor
                let effect = Int(targetScore) - Int(original.scores[targetClass])
                let probabilityEffect = probability - original.probabilities[targetClass]
                guard effect != 0 || probabilityEffect != 0 else { continue }
                if effect != 0 { scoreMoving[v] = effect }
                let on = (base[v] & 1 == 1) != catalog.isComplemented(variable: v)
                let marginEffect = (Int(targetScore) - Int(bestOther)) - originalMargin
                nodeEffects.append(NodeEffect(node: catalog.name(ofVariable: v), variable: v, value: on, effect: effect,
                                              probabilityEffect: probabilityEffect, marginEffect: marginEffect,
                                              changesTop: Int(model.classBytes[top]) != predictedByte))
            }
        }
        nodes = nodeEffects.sorted { (abs($0.probabilityEffect), abs($0.effect), -$0.variable) > (abs($1.probabilityEffect), abs($1.effect), -$1.variable) }

        // The graph: score-moving nodes and inputs, edges to fanins that move the score too.
        for bit in bits where bit.effect != 0 { scoreMoving[(bit.position - 1) * 8 + bit.bit + 1] = bit.effect }
        func edgeName(_ literal: Literal) -> String {
            let complemented = literal.isComplemented != catalog.isComplemented(variable: literal.variable)
            return (complemented ? "!" : "") + catalog.name(ofVariable: literal.variable)
        }
        var graph = [GraphNode](), edges = [Edge]()
        for v in scoreMoving.keys.sorted() {
            let value = (base[v] & 1 == 1) != catalog.isComplemented(variable: v)
            if v < aig.firstAndVariable {
                graph.append(GraphNode(node: catalog.name(ofVariable: v), variable: v, gate: "input", fanins: [], value: value,
                                       effect: scoreMoving[v]!))
                continue
            }
            let (a, b) = aig.fanins(ofVariable: v)
            graph.append(GraphNode(node: catalog.name(ofVariable: v), variable: v, gate: "and", fanins: [edgeName(a), edgeName(b)],
                                   value: value, effect: scoreMoving[v]!))
            for fanin in [a, b] where scoreMoving[fanin.variable] != nil {
                edges.append(Edge(from: catalog.name(ofVariable: v), to: catalog.name(ofVariable: fanin.variable)))
            }
        }
        self.graph = graph
        self.edges = edges
    }
}
