import Circuits
import LanguageModels

/// What `gatelm view` shows, exactly: the page embeds this object and
/// renders nothing else, and `gatelm view --json` prints it.
public struct ViewData: Codable, Sendable {
    public struct ModuleRow: Codable, Sendable {
        public var id: Int
        public var root: String
        public var size: Int
        /// Leaves, at most 24 names (`input_count` has the number).
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

    public var model: String
    public var summary: ModuleAnalysis.Summary
    public var supernodes: [ModuleAnalysis.Supernode]
    public var modules: [ModuleRow]
    public var byteFeatures: [ModuleAnalysis.ByteFeature]
    public var prompt: String?
    public var trace: Trace.Position?
    public var attribution: Attribution?
    /// The training curve as an SVG document, when the model has one.
    public var curveSVG: String?

    public init(modelName: String, model: CircuitLanguageModel, catalog: NodeCatalog, analysis: ModuleAnalysis,
                prompt: [UInt8]?, curveSVG: String?) throws(Attribution.TargetError) {
        self.model = modelName
        summary = analysis.summary
        supernodes = analysis.supernodes
        byteFeatures = Array(analysis.byteFeatures.sorted { $0.nodes.count > $1.nodes.count }.prefix(200))
        self.curveSVG = curveSVG
        var effects = [Int: Int](), rootValues = [Int: Bool]()
        if let prompt {
            self.prompt = String(decoding: prompt, as: UTF8.self)
            let trace = Trace(model: model, catalog: catalog, prompt: prompt, positions: [prompt.count], top: 10)
            self.trace = trace.positions[0]
            let attribution = try Attribution(model: model, catalog: catalog, prompt: prompt)
            self.attribution = attribution
            let partition = ModulePartition(model.aig)
            for g in attribution.graph where g.variable >= model.aig.firstAndVariable {
                let m = Int(partition.moduleOfVariable[g.variable])
                effects[m] = max(effects[m] ?? 0, abs(g.effect))
            }
            let context = PromptContexts(prompt: prompt, contextLength: model.contextLength).context(at: prompt.count)
            let values = NodeValues(model, contexts: context, count: 1)
            for m in analysis.modules { rootValues[m.id] = values.value(Literal(variable: m.rootVariable), pattern: 0) }
        }
        modules = analysis.modules.map { m in
            ModuleRow(id: m.id, root: m.root, size: m.size, inputs: Array(m.inputs.prefix(24)), inputCount: m.inputs.count,
                      supportBits: m.supportBits, supportPositions: m.supportPositions, classes: m.classes, truthTable: m.truthTable,
                      supernode: m.supernode, effect: effects[m.id] ?? 0, value: rootValues[m.id])
        }
    }
}
