import Circuits
import LanguageModels

/// `gatelm trace`: the `run_with_cache` of a gate model. For each position of
/// a prompt, the top next bytes with their integer scores and probabilities,
/// the value of every node (by layer) and, per layer, how many nodes fired
/// (are 1) and which changed since the previous position.
public struct Trace: Codable, Sendable {
    public struct TopByte: Codable, Sendable, Hashable {
        /// The byte (0…255).
        public var byte: Int
        /// The byte as text (`\xNN` when not printable).
        public var text: String
        public var score: Int
        public var probability: Double
    }

    public struct LayerState: Codable, Sendable {
        public var layer: String
        public var nodes: Int
        /// Nodes that are 1.
        public var fired: Int
        /// Nodes whose value differs from the previous traced position (0 at the first).
        public var changed: Int
        /// Their names, at most `Trace.listLimit`.
        public var changedNodes: [String]
        /// The node values in `Trace.layers[].nodes` order, as `0`/`1` characters (when requested).
        public var values: String?
    }

    public struct Position: Codable, Sendable {
        /// Prompt bytes before this prediction.
        public var position: Int
        /// The context, oldest byte first, as hex (W bytes).
        public var context: String
        /// Whether the context reaches before the prompt and is padded with 0x00 as in training.
        public var padded: Bool
        public var top: [TopByte]
        public var layers: [LayerState]
    }

    public struct Layer: Codable, Sendable {
        public var name: String
        /// Node names in order (when values are requested).
        public var nodes: [String]?
    }

    /// A node-level difference between the prompt and another at one position.
    public struct Difference: Codable, Sendable {
        public var otherPrompt: String
        public var position: Int
        public var otherPosition: Int
        public var otherTop: [TopByte]
        public var layers: [LayerDifference]
    }

    public struct LayerDifference: Codable, Sendable {
        public var layer: String
        public var differing: Int
        /// Names of differing nodes, at most `Trace.listLimit`.
        public var nodes: [String]
    }

    public var contextLength: Int
    public var ands: Int
    public var layers: [Layer]
    public var positions: [Position]
    public var diff: Difference?

    /// Longest name list in a layer state or difference.
    public static let listLimit = 1000

    /// Which node values to include.
    public enum ValueDetail: String, Sendable, CaseIterable {
        /// Counts and changes only.
        case none
        /// Values of named nodes (every layer but `and`).
        case named
        /// Values of every node.
        case all
    }

    /// Traces `prompt` at `positions` (default: every position).
    public init(model: CircuitLanguageModel, catalog: NodeCatalog, prompt: [UInt8], positions: [Int]? = nil,
                top k: Int = 5, values detail: ValueDetail = .none) {
        let contexts = PromptContexts(prompt: prompt, model: model)
        let traced = positions ?? contexts.positions
        let values = NodeValues(model, contexts: contexts.contexts(traced), count: traced.count)
        let predictions = model.predictions(contexts: contexts.contexts(traced), count: traced.count)
        let members = catalog.layers.indices.map { catalog.members(ofLayer: $0) }
        let withValues = catalog.layers.map { detail == .all || (detail == .named && $0 != "and") }
        contextLength = model.contextLength
        ands = model.aig.andCount
        layers = catalog.layers.enumerated().map { l, name in
            Layer(name: name, nodes: withValues[l] ? members[l].map { catalog.nodes[$0].name } : nil)
        }
        self.positions = traced.enumerated().map { i, t in
            let states = catalog.layers.indices.map { l -> LayerState in
                var fired = 0, changed = [String](), changedCount = 0
                var bits = withValues[l] ? [Character]() : nil
                for n in members[l] {
                    let literal = catalog.nodes[n].literal
                    let on = values.value(literal, pattern: i)
                    if on { fired += 1 }
                    bits?.append(on ? "1" : "0")
                    if i > 0, on != values.value(literal, pattern: i - 1) {
                        changedCount += 1
                        if changed.count < Self.listLimit { changed.append(catalog.nodes[n].name) }
                    }
                }
                return LayerState(layer: catalog.layers[l], nodes: members[l].count, fired: fired, changed: changedCount,
                                  changedNodes: changed, values: bits.map { String($0) })
            }
            return Position(position: t, context: hexString(contexts.context(at: t)), padded: contexts.isPadded(t),
                            top: Self.top(predictions[i], model: model, k), layers: states)
        }
    }

    /// The `k` best bytes of a prediction.
    static func top(_ prediction: Prediction, model: CircuitLanguageModel, _ k: Int) -> [TopByte] {
        prediction.ranked(k).map { c in
            TopByte(byte: Int(model.classBytes[c]), text: printableByte(model.classBytes[c]),
                    score: Int(prediction.scores[c]), probability: prediction.probabilities[c])
        }
    }

    /// Adds the node-level difference against `other` at `position` of the
    /// prompt and `otherPosition` of `other`.
    public mutating func addDifference(model: CircuitLanguageModel, catalog: NodeCatalog, prompt: [UInt8], position: Int,
                                       other: [UInt8], otherPosition: Int, top k: Int = 5) {
        let mine = PromptContexts(prompt: prompt, model: model).context(at: position)
        let theirs = PromptContexts(prompt: other, model: model).context(at: otherPosition)
        let values = NodeValues(model, contexts: mine + theirs, count: 2)
        let prediction = model.predictions(contexts: theirs, count: 1)[0]
        let layerDifferences = catalog.layers.indices.map { l -> LayerDifference in
            var names = [String](), count = 0
            for n in catalog.members(ofLayer: l) {
                let literal = catalog.nodes[n].literal
                if values.value(literal, pattern: 0) != values.value(literal, pattern: 1) {
                    count += 1
                    if names.count < Self.listLimit { names.append(catalog.nodes[n].name) }
                }
            }
            return LayerDifference(layer: catalog.layers[l], differing: count, nodes: names)
        }
        diff = Difference(otherPrompt: String(decoding: other, as: UTF8.self), position: position, otherPosition: otherPosition,
                          otherTop: Self.top(prediction, model: model, k), layers: layerDifferences)
    }
}
