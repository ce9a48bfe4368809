import Circuits

/// How many ANDs the program compiles to, without naming or writing anything: what
/// `program_check` reports and size budgets read.
extension SymbolicInterpreter {
    /// The AND count of the compiled window circuit, split at the winner.
    public struct CircuitSize: Hashable, Codable, Sendable {
        /// Every AND an output reads (the scores and the winner's index), as `gatelm compile` writes
        /// it before any optimisation.
        public var ands: Int
        /// The byte decoders, the layers and the winner's priority encoder: the ANDs the winner
        /// lines read.
        public var layerAnds: Int
        /// The rest: the ROM from the winner to the scores, and the winner's index.
        public var readoutAnds: Int

        public init(ands: Int, layerAnds: Int) {
            self.ands = ands
            self.layerAnds = layerAnds
            readoutAnds = ands - layerAnds
        }
    }

    /// The size of the circuit `build(into:context:table:names:)` makes with `table`, with the
    /// ANDs no output reads left out.
    public func circuitSize(table: ScoreTable) -> CircuitSize {
        var builder = AIGBuilder(expectedAnds: 1 << 16)
        let context = (0..<windowLength).map { _ in builder.addInputs(8) }
        var names: NodeNames?
        let parts = build(into: &builder, context: context, table: table, names: &names)
        let (aig, map) = builder.buildWithMap()
        func cone(_ literals: [Literal]) -> Cone {
            aig.transitiveFanin(of: literals.map { Literal(variable: map[$0.variable], complemented: $0.isComplemented) })
        }
        let outputs = cone(parts.scores.flatMap { $0 } + parts.winnerIndex), winner = cone(parts.winner)
        // The winner lines' cone as far as an output reads it (a winner no output reads is left out).
        let layers = winner.variables.filter { $0 >= aig.firstAndVariable && outputs.variables.contains($0) }.count
        return CircuitSize(ands: outputs.andCount, layerAnds: layers)
    }
}
