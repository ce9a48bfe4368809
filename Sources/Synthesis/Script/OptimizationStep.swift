import Circuits

/// One pass of an optimisation script, named as in ABC where ABC has the same pass.
public enum OptimizationStep: Hashable, Sendable, CustomStringConvertible {
    /// Structural hashing, constant propagation, dangling-node removal.
    case strash
    /// Depth-oriented rebalancing of multi-input ANDs.
    case balance
    /// SAT sweeping: nodes proven equivalent (up to complement) are merged.
    case fraig

    /// The command that names this step in a script.
    public var description: String {
        switch self {
        case .strash: return "strash"
        case .balance: return "balance"
        case .fraig: return "fraig"
        }
    }

    /// Runs the step; the result computes the same function.
    public func apply(to aig: AIG) -> AIG {
        switch self {
        case .strash: return aig.structurallyHashed()
        case .balance: return aig.balanced()
        case .fraig: return SATSweeper().run(aig)
        }
    }

    /// Every command a script accepts, for parsing and help.
    static let commands: [Command] = [
        Command(names: ["strash", "st", "sweep"]) { _ in .strash },
        Command(names: ["balance", "b"]) { _ in .balance },
        Command(names: ["fraig"]) { _ in .fraig },
    ]

    /// A script command: its names (the first is the canonical one), its flags, and the step it makes.
    struct Command: Sendable {
        var names: [String]
        var flags: Set<String> = []
        var make: @Sendable (Set<String>) -> OptimizationStep
    }
}
