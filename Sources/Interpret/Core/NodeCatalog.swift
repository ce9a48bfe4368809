import Circuits
import LanguageModels

/// Every signal of a language-model circuit that the interpretability
/// commands report, with a stable name and a layer:
///
/// - `ctx[-p][b]`: the inputs (layer `ctx`);
/// - names recorded by the compiler, layered by their prefix before `[` or
///   `.`: `emb[-p][e]` (`emb`), `hash[o][i]` (`hash`: the hash of the last o bytes), `row[o][e]`
///   (`row`: the hashed table's row it selects), `L<l>.g<i>` (`L<l>`), `vote[0xNN][j]` (`vote`);
/// - `score[0xNN][i]`: the score bits (layer `score`);
/// - `n<v>` for every other AND variable v (layer `and`): plain AIG node ids,
///   all a circuit has after optimisation.
///
/// A name stands for a literal: a named signal may be the complement of the
/// AIG node that carries it.
public struct NodeCatalog: Sendable {
    public struct Node: Sendable, Hashable {
        public var name: String
        public var literal: Literal
        /// Index into `layers`.
        public var layer: Int
    }

    public let nodes: [Node]
    /// Layer names in order: `ctx`, the recorded layers in naming order, `and`, `score`.
    public let layers: [String]
    /// For each AIG variable, the index of the node that names it best (its
    /// input, its first recorded name, its `n<v>` name, else its first score bit), or -1.
    public let nodeOfVariable: [Int32]
    private let indexByName: [String: Int]

    public init(_ model: CircuitLanguageModel) {
        let aig = model.aig
        var nodes = [Node](), layers = ["ctx"], layerIndex = ["ctx": 0]
        var nodeOfVariable = [Int32](repeating: -1, count: aig.variableCount)
        func layer(_ name: String) -> Int {
            if let index = layerIndex[name] { return index }
            layers.append(name)
            layerIndex[name] = layers.count - 1
            return layers.count - 1
        }
        func append(_ name: String, _ literal: Literal, layer l: Int) {
            if nodeOfVariable[literal.variable] < 0 { nodeOfVariable[literal.variable] = Int32(nodes.count) }
            nodes.append(Node(name: name, literal: literal, layer: l))
        }
        for i in 0..<aig.inputCount { append(aig.names.input(i) ?? "in\(i)", aig.inputLiteral(i), layer: 0) }
        for entry in model.nodeNames.entries where entry.literal.variable > aig.inputCount {
            append(entry.name, entry.literal, layer: layer(Self.layerName(of: entry.name)))
        }
        let andLayer = layer("and")
        for k in 0..<aig.andCount where nodeOfVariable[aig.firstAndVariable + k] < 0 {
            append("n\(aig.firstAndVariable + k)", aig.andLiteral(k), layer: andLayer)
        }
        let scoreLayer = layer("score")
        for (c, bits) in model.scoreOutputs.enumerated() {
            for (i, o) in bits.enumerated() {
                append(CircuitNames.scoreOutput(byte: model.classBytes[c], bit: i), aig.outputs[o], layer: scoreLayer)
            }
        }
        self.nodes = nodes
        self.layers = layers
        self.nodeOfVariable = nodeOfVariable
        indexByName = Dictionary(nodes.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { a, _ in a })
    }

    /// The layer of a recorded name: its prefix before the first `[` or `.`.
    static func layerName(of name: String) -> String {
        String(name.prefix { $0 != "[" && $0 != "." })
    }

    /// The node named `name`, if any.
    public func node(named name: String) -> Int? { indexByName[name] }

    /// The stable name of AIG variable `v`: its best node's name, else `n<v>`.
    public func name(ofVariable v: Int) -> String {
        let index = nodeOfVariable[v]
        return index >= 0 ? nodes[Int(index)].name : "n\(v)"
    }

    /// Whether the best-named signal of variable `v` is its complement.
    public func isComplemented(variable v: Int) -> Bool {
        let index = nodeOfVariable[v]
        return index >= 0 && nodes[Int(index)].literal.isComplemented
    }

    /// The node indices of layer `layer`, in order.
    public func members(ofLayer layer: Int) -> [Int] { nodes.indices.filter { nodes[$0].layer == layer } }
}
