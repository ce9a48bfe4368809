import Circuits
import LanguageModels

/// What `gatelm view` shows, exactly: the page embeds this object and
/// renders nothing else, and `gatelm view --json` prints it.
public struct ViewData: Codable, Sendable {
    public struct ModuleRow: Codable, Sendable {
        public var id: Int
        public var root: String
        public var size: Int
        /// Leaves, at most 8 names (`input_count` has the number).
        public var inputs: [String]
        public var inputCount: Int
        public var supportBits: Int
        public var supportPositions: [Int]
        public var classes: [Int]
        public var truthTable: String?
        public var supernode: Int
        /// With a prompt: the largest |effect on the target's score| of a node in the module (0 when none moves it).
        public var effect: Int
        /// With a prompt: the root's value on it.
        public var value: Bool?
    }

    /// A supernode as the page lists it: its modules of two or more ANDs (and any
    /// single AND that moves the prompt's target); the other single-AND modules are counted, not listed.
    public struct SupernodeRow: Codable, Sendable {
        public var id: Int
        public var name: String
        public var ands: Int
        /// All its modules, listed or not.
        public var moduleCount: Int
        /// The listed modules' ids.
        public var modules: [Int]
        public var unlistedSingleANDModules: Int
        /// Listed modules left out of the page by the cap (`maxEmbeddedModules`); `gatelm modules --json` has them all.
        public var modulesNotEmbedded: Int
    }

    /// Modules the page embeds at most (the 200 K-AND gate networks list about 90 K): above it, those whose root
    /// moves the prompt's target and then the largest are kept, so a million-module circuit still loads.
    public static let maxEmbeddedModules = 100_000

    public var model: String
    public var summary: ModuleAnalysis.Summary
    public var supernodes: [SupernodeRow]
    public var modules: [ModuleRow]
    public var byteFeatures: [ModuleAnalysis.ByteFeature]
    public var prompt: String?
    public var trace: Trace.Position?
    /// With a prompt: the attribution, its `nodes` cut to the `attributionNodesShown` largest effects (the graph is whole).
    public var attribution: Attribution?
    /// How many nodes move the target in all (before the cut).
    public var attributionNodeCount: Int?

    /// Node effects the page carries (`gatelm attribute --json` has them all).
    public static let attributionNodesShown = 500
    /// The training curve as an SVG document, when the model has one.
    public var curveSVG: String?
    /// A recurrent model's latch dependency graph (set by the caller, which holds the sequential circuit).
    public var latchDependencies: LatchDependencies?

    public init(modelName: String, model: CircuitLanguageModel, catalog: NodeCatalog, analysis: ModuleAnalysis,
                prompt: [UInt8]?, curveSVG: String?, maxEmbeddedModules: Int = ViewData.maxEmbeddedModules) throws(Attribution.TargetError) {
        self.model = modelName
        summary = analysis.summary
        byteFeatures = Array(analysis.byteFeatures.sorted { $0.nodes.count > $1.nodes.count }.prefix(200))
        self.curveSVG = curveSVG
        var effects = [Int: Int](), rootValues = [Int: Bool]()
        if let prompt {
            self.prompt = String(decoding: prompt, as: UTF8.self)
            let trace = Trace(model: model, catalog: catalog, prompt: prompt, positions: [prompt.count], top: 10)
            self.trace = trace.positions[0]
            var attribution = try Attribution(model: model, catalog: catalog, prompt: prompt)
            attributionNodeCount = attribution.nodes.count
            attribution.nodes = Array(attribution.nodes.prefix(Self.attributionNodesShown))
            self.attribution = attribution
            let partition = ModulePartition(model.aig)
            for g in attribution.graph where g.variable >= model.aig.firstAndVariable {
                let m = Int(partition.moduleOfVariable[g.variable])
                effects[m] = max(effects[m] ?? 0, abs(g.effect))
            }
            let context = PromptContexts(prompt: prompt, model: model).context(at: prompt.count)
            let values = NodeValues(model, contexts: context, count: 1)
            for m in analysis.modules { rootValues[m.id] = values.value(Literal(variable: m.rootVariable), pattern: 0) }
        }
        let listable = analysis.modules.filter { $0.size >= 2 || (effects[$0.id] ?? 0) != 0 }
        let listableIDs = Set(listable.map(\.id))
        let listed = listable.count <= maxEmbeddedModules ? listable
            : Array(listable.sorted { (effects[$0.id] ?? 0, $0.size, -$0.id) > (effects[$1.id] ?? 0, $1.size, -$1.id) }.prefix(maxEmbeddedModules))
                .sorted { $0.id < $1.id }
        let listedIDs = Set(listed.map(\.id))
        supernodes = analysis.supernodes.map { n in
            let shown = n.modules.filter { listedIDs.contains($0) }
            let listableCount = n.modules.filter { listableIDs.contains($0) }.count
            return SupernodeRow(id: n.id, name: n.name, ands: n.ands, moduleCount: n.modules.count, modules: shown,
                                unlistedSingleANDModules: n.modules.count - listableCount, modulesNotEmbedded: listableCount - shown.count)
        }
        modules = listed.map { m in
            ModuleRow(id: m.id, root: m.root, size: m.size, inputs: Array(m.inputs.prefix(8)), inputCount: m.inputs.count,
                      supportBits: m.supportBits, supportPositions: m.supportPositions, classes: m.classes, truthTable: m.truthTable,
                      supernode: m.supernode, effect: effects[m.id] ?? 0, value: rootValues[m.id])
        }
    }
}
