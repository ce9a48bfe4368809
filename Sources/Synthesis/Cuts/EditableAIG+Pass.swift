import Circuits

/// A pass that edits a circuit in place on an `EditableAIG` (rewriting, refactoring).
protocol GraphEditingPass {
    var graph: EditableAIG { get }
    mutating func run()
}

extension AIG {
    /// Runs `pass` (built on this circuit, structurally hashed) and returns its
    /// result, or this circuit hashed when the pass made it larger and
    /// `allowGrowth` (the zero-cost modes) is off.
    func applying<Pass: GraphEditingPass>(_ pass: Pass, allowGrowth: Bool) -> AIG {
        var pass = pass
        pass.run()
        let result = pass.graph.rebuilt()
        return result.andCount <= andCount || allowGrowth ? result : structurallyHashed()
    }
}
