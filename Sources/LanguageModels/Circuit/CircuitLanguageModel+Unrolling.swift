import Circuits
import Foundation
import GateLMSupport

extension CircuitLanguageModel {
    /// The default horizon of the unrolled view of a recurrent circuit (bytes).
    public static let defaultHorizon = 8

    /// The most ANDs an unrolled view may have by default (about 0.24 GiB at
    /// `estimatedBytesPerUnrolledAnd`); the largest horizon is this over one step's ANDs.
    public static let defaultUnrolledAndLimit = 2_000_000

    /// Bytes an unrolled AND costs while it is built and held (the builder's node, fanins and
    /// hash entry, the built circuit, the copy of a free-state view, the state names), an estimate.
    public static let estimatedBytesPerUnrolledAnd = 128

    /// Throws unless `horizon` steps of this circuit's ANDs fit in `maxAnds` (and in the memory
    /// budget), naming the estimate and the largest horizon that fits.
    func checkUnrolledSize(horizon: Int, maxAnds: Int) throws(InterfaceError) {
        let perStep = aig.andCount
        let limit = max(0, min(maxAnds, MemoryBudget.limitBytes / Self.estimatedBytesPerUnrolledAnd))
        let (estimate, overflow) = perStep.multipliedReportingOverflow(by: horizon)
        guard overflow || estimate > limit else { return }
        func gib(_ ands: Int) -> String {
            String(format: "%.2f GiB", Double(ands) * Double(Self.estimatedBytesPerUnrolledAnd) / Double(1 << 30))
        }
        let largest = limit / max(perStep, 1)
        let advice = largest >= 1 ? "use a horizon ≤ \(largest)" : "no horizon fits: one step alone has \(perStep) ANDs"
        throw InterfaceError(description: "horizon \(horizon) would unroll about \(overflow ? "more than \(Int.max)" : "\(estimate)") ANDs "
                             + "(\(gib(overflow ? Int.max / Self.estimatedBytesPerUnrolledAnd : estimate))), over the limit of \(limit) ANDs (\(gib(limit))); \(advice)")
    }

    /// The name of latch `name`'s value after reading the byte `ctx[-position]` in an unrolled circuit.
    public static func unrolledStateName(_ latch: String, afterPosition position: Int) -> String {
        // The index stays last (h@-3[17]), so that names group by pattern in the AIGER comments.
        guard let bracket = latch.firstIndex(of: "[") else { return "\(latch)@-\(position)" }
        return "\(latch[..<bracket])@-\(position)\(latch[bracket...])"
    }

    /// The state a recurrent circuit's unrolled view starts from.
    public enum InitialState: String, Sendable, CaseIterable, Codable {
        /// The reset state, before the last `horizon` bytes: the view predicts as the machine
        /// does after reading only those bytes.
        case reset
        /// Any state, given as inputs: the view predicts as the machine does on the whole text
        /// when given the state it had reached (`window(at:in:)` computes it), and a question
        /// leaves it free, so an explanation holds whatever the machine had read before.
        case free
    }

    /// A window view of a recurrent circuit: the machine unrolled over its last `horizon` bytes,
    /// a combinational circuit with inputs `ctx[-p][b]` and the same score outputs and readout,
    /// so that every window tool (trace, attribute, explain, query, contrast, modules, view)
    /// questions it. The state bits over time are named `h@-p[i]` (latch h[i] after reading ctx[-p]).
    /// - From the `.reset` state, W = horizon and the prediction is the machine's after reading
    ///   those bytes from reset (0x00 before the text, as any window pads).
    /// - From a `.free` state, W = horizon + ⌈H/8⌉: positions past the horizon carry the state
    ///   before it (latch 8k + b at bit b of position horizon + 1 + k, also named `h@-(horizon+1)[i]`,
    ///   the state "after reading ctx[-horizon-1]"); `windowSource` fills them along a text.
    /// A window circuit is returned as it is.
    /// - Parameter maxAnds: the most ANDs the unrolled circuit may have (one step's ANDs ×
    ///   `horizon`, estimated before anything is built); a horizon past it is refused with the
    ///   largest that fits. The limit is also capped by `MemoryBudget` at
    ///   `estimatedBytesPerUnrolledAnd` bytes each.
    public func unrolled(horizon: Int, initialState: InitialState = .reset,
                         maxAnds: Int = defaultUnrolledAndLimit) throws(InterfaceError) -> CircuitLanguageModel {
        guard isRecurrent else { return self }
        guard (1...4096).contains(horizon) else { throw InterfaceError(description: "the horizon must be in 1...4096 bytes; got \(horizon)") }
        try checkUnrolledSize(horizon: horizon, maxAnds: maxAnds)
        let free = initialState == .free
        var (view, states) = aig.unrolled(steps: horizon, freeInitialState: free)
        let stateBytes = free ? (aig.latchCount + 7) / 8 : 0
        var startLiterals = [Literal]()
        if free {
            // Pad the state inputs to whole positions: unused inputs past the last latch.
            var builder = AIGBuilder(expectedAnds: view.andCount)
            let inputs = (0..<8 * (horizon + stateBytes)).map { _ in builder.addInput() }
            let image = builder.copyLogic(of: view, leaves: Array(inputs[0..<view.inputCount]))
            for o in 0..<view.outputCount { builder.addOutput(image.image(of: view.outputs[o])) }
            let (padded, map) = builder.buildWithMap()
            let moved = { (l: Literal) -> Literal in
                let l = image.image(of: l)
                return Literal(variable: map[l.variable], complemented: l.isComplemented)
            }
            states = states.map { $0.map(moved) }
            startLiterals = (0..<aig.latchCount).map { Literal(variable: map[inputs[8 * horizon + $0].variable], complemented: false) }
            view = padded
        }
        for p in 1...(horizon + stateBytes) {
            for b in 0..<8 { view.names.setInput((p - 1) * 8 + b, CircuitNames.contextInput(position: p - 1, bit: b), count: view.inputCount) }
        }
        for o in 0..<aig.outputCount { view.names.setOutput(o, aig.names.output(o), count: view.outputCount) }
        var names = NodeNames()
        for (j, literal) in startLiterals.enumerated() {
            names.add(Self.unrolledStateName(aig.names.latch(j) ?? "h[\(j)]", afterPosition: horizon + 1), literal)
        }
        for (t, frame) in states.enumerated() {
            for (j, literal) in frame.enumerated() where literal.variable > view.inputCount {
                names.add(Self.unrolledStateName(aig.names.latch(j) ?? "h[\(j)]", afterPosition: horizon - t), literal)
            }
        }
        let origin = free ? "from a free state (positions \(horizon + 1)...\(horizon + stateBytes): the state before them)" : "from reset"
        view.comments = ["gatelm unrolled: the recurrent circuit over its last \(horizon) bytes \(origin) (state h@-p[i]: latch h[i] after reading ctx[-p])"]
            + aig.comments + names.comments(for: view)
        var model = try CircuitLanguageModel(view)
        if free { model.windowSource = .recurrentState(machine: self, horizon: horizon) }
        return model
    }
}
