/// A symbolic transformer program (`.symtx`): a label hierarchy, L layers of shifts, attention
/// heads and threshold rules over sets of labels, and an unembedding from prediction labels to
/// next-byte distributions. Every item has a name, so that a patch can address it. The text
/// format and its exact semantics are in the README ("The symbolic transformer").
public struct SymbolicProgram: Hashable, Sendable {
    /// The format version (`symtx 1`).
    public var formatVersion = 1
    /// L: layers.
    public var layerCount: Int
    /// S: the attention span bound of every layer (the program reads a window of L·S + 1 bytes).
    public var span: Int
    /// The `labels` section: groups and groupings, with comment lines, in order.
    public var labels: [Item<LabelDefinition>]
    /// The `layer N` blocks, N = 1…L.
    public var layers: [Layer]
    /// The `unembed` section.
    public var unembed: [Item<UnembedStatement>]

    public init(layerCount: Int, span: Int, labels: [Item<LabelDefinition>] = [], layers: [Layer] = [], unembed: [Item<UnembedStatement>] = []) {
        self.layerCount = layerCount
        self.span = span
        self.labels = labels
        self.layers = layers
        self.unembed = unembed
    }

    /// The bytes of context the program reads: L·S + 1.
    public var windowLength: Int { layerCount * span + 1 }

    /// Each group's members, by name (the first definition of a name).
    public var groupDefinitions: [String: [LabelPattern]] { definitions { if case .group(let n, let m) = $0 { (n, m) } else { nil } } }

    /// Each grouping's boundary labels, by name (the first definition of a name).
    public var groupingDefinitions: [String: [LabelPattern]] { definitions { if case .grouping(let n, let b) = $0 { (n, b) } else { nil } } }

    private func definitions(_ pick: (LabelDefinition) -> (String, [LabelPattern])?) -> [String: [LabelPattern]] {
        Dictionary(labels.compactMap(\.statement).compactMap(pick), uniquingKeysWith: { first, _ in first })
    }

    /// A section entry: a statement with its trailing comment, or a comment line of its own.
    public enum Item<Statement: Hashable & Sendable>: Hashable, Sendable {
        case statement(Statement, comment: String?)
        case comment(String)

        public var statement: Statement? {
            if case .statement(let s, _) = self { return s }
            return nil
        }
    }

    /// `group NAME = A | B | …` or `grouping NAME by A | B | …`.
    public enum LabelDefinition: Hashable, Sendable {
        /// A label that holds wherever one of its members does (members may be groups: a DAG).
        case group(name: String, members: [LabelPattern])
        /// A position scale: the boundaries are the positions where one of `boundary` holds.
        case grouping(name: String, boundary: [LabelPattern])

        public var name: String {
            switch self {
            case .group(let name, _), .grouping(let name, _): return name
            }
        }
    }

    /// One layer: shifts, heads and rules, in order, with comment lines.
    public struct Layer: Hashable, Sendable {
        public var number: Int
        public var items: [Item<LayerStatement>]
        public init(number: Int, items: [Item<LayerStatement>] = []) {
            self.number = number
            self.items = items
        }
    }

    public enum LayerStatement: Hashable, Sendable {
        case shift(Shift)
        case head(Head)
        case rule(Rule)

        public var name: String {
            switch self {
            case .shift(let s): return s.name
            case .head(let h): return h.name
            case .rule(let r): return r.name
            }
        }
    }

    /// `shift NAME offset=K copy=SET`: writes NAME.X at i for every X in SET that holds at i − K
    /// (NAME.bos when i − K is padding).
    public struct Shift: Hashable, Sendable {
        public var name: String
        public var offset: Int
        public var copy: [LabelPattern]
        public init(name: String, offset: Int, copy: [LabelPattern]) {
            self.name = name
            self.offset = offset
            self.copy = copy
        }
    }

    /// An attention head: the query labels written as `q.NAME.X` select earlier positions that
    /// hold X; top-k and a threshold instead of softmax; the selected positions' labels in `copy`
    /// are written as `as.X`.
    public struct Head: Hashable, Sendable {
        public enum Mode: String, Hashable, Sendable, CaseIterable { case recent, best }
        public var name: String
        /// The query prefix (default `q.NAME`).
        public var query: String
        public var span: Int
        public var threshold: Int
        public var top: Int
        public var mode: Mode
        /// Whether the query position itself is a candidate.
        public var includesSelf: Bool
        /// Score bonuses for position relations (`word<=1: +1`).
        public var bonuses: [Relation: Int]
        /// Masks every candidate must satisfy (`sentence=0`).
        public var masks: [Relation]
        public var copy: [LabelPattern]
        /// The prefix of the labels written (`as=ind` writes `ind.X`).
        public var output: String

        public init(name: String, query: String? = nil, span: Int, threshold: Int = 1, top: Int = 1, mode: Mode = .recent,
                    includesSelf: Bool = false, bonuses: [Relation: Int] = [:], masks: [Relation] = [], copy: [LabelPattern], output: String) {
            self.name = name
            self.query = query ?? "q." + name
            self.span = span
            self.threshold = threshold
            self.top = top
            self.mode = mode
            self.includesSelf = includesSelf
            self.bonuses = bonuses
            self.masks = masks
            self.copy = copy
            self.output = output
        }
    }

    /// A relation between a query position i and a key j: `d_scale(i, j) op value`, where
    /// d_scale counts the boundaries of a grouping in (j, i] (saturating at 7), or `off` is i − j.
    public struct Relation: Hashable, Sendable, CustomStringConvertible {
        public enum Comparison: String, Hashable, Sendable, CaseIterable { case lessOrEqual = "<=", equal = "=", greaterOrEqual = ">=" }
        public var scale: String
        public var comparison: Comparison
        public var value: Int
        public init(scale: String, _ comparison: Comparison, _ value: Int) {
            self.scale = scale
            self.comparison = comparison
            self.value = value
        }
        public var description: String { "\(scale)\(comparison.rawValue)\(value)" }
    }

    /// A threshold rule: fires when Σ weight·[literal] ≥ threshold and no veto label holds; then
    /// adds and removes labels at its position (deletion wins).
    public struct Rule: Hashable, Sendable {
        public struct Literal: Hashable, Sendable {
            public var label: Label
            public var negated: Bool
            public var weight: Int
            public init(_ label: Label, negated: Bool = false, weight: Int = 1) {
                self.label = label
                self.negated = negated
                self.weight = weight
            }
        }
        /// How the condition was written: `all` (θ = Σ weights), `any` (θ = 1) or `need θ of`.
        public enum Form: Hashable, Sendable {
            case all, any
            case need(Int)
        }
        public var name: String
        public var form: Form
        public var literals: [Literal]
        public var veto: [Label]
        public var adds: [Label]
        public var removes: [Label]

        public init(name: String, form: Form, literals: [Literal], veto: [Label] = [], adds: [Label] = [], removes: [Label] = []) {
            self.name = name
            self.form = form
            self.literals = literals
            self.veto = veto
            self.adds = adds
            self.removes = removes
        }

        /// θ: the weighted count of true literals at which the rule fires.
        public var threshold: Int {
            switch form {
            case .all: return literals.reduce(0) { $0 + $1.weight }
            case .any: return 1
            case .need(let k): return k
            }
        }
    }

    public enum UnembedStatement: Hashable, Sendable {
        /// Prediction labels, highest priority first: the winner is the first present.
        case order([LabelPattern])
        /// The row of `label` backs off to the row of `parent` (else the unigram).
        case backoff(label: LabelPattern, parent: LabelPattern)
        /// Dirichlet smoothing towards the back-off row with strength β.
        case smooth(beta: Double)
    }
}
