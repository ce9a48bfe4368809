import Circuits

/// One pass of an optimisation script, named as in ABC where ABC has the same pass.
public enum OptimizationStep: Hashable, Sendable, CustomStringConvertible {
    /// Structural hashing, constant propagation, dangling-node removal.
    case strash
    /// Depth-oriented rebalancing of multi-input ANDs.
    case balance
    /// DAG-aware rewriting of 4-input cuts; `zeroCost` accepts moves that save nothing (`-z`).
    case rewrite(zeroCost: Bool)
    /// Refactoring of reconvergence-driven cuts; `zeroCost` as for rewriting.
    case refactor(zeroCost: Bool)
    /// SAT sweeping: nodes proven equivalent (up to complement) are merged;
    /// a pair still undecided after `conflictLimit` conflicts is kept apart (`-C N`).
    case fraig(conflictLimit: Int = SATSweeper.Options().conflictLimit)

    /// The command that names this step in a script.
    public var description: String {
        switch self {
        case .strash: return "strash"
        case .balance: return "balance"
        case .rewrite(let zeroCost): return zeroCost ? "rewrite -z" : "rewrite"
        case .refactor(let zeroCost): return zeroCost ? "refactor -z" : "refactor"
        case .fraig(let limit):
            return limit == SATSweeper.Options().conflictLimit ? "fraig" : "fraig -C \(limit)"
        }
    }

    /// Runs the step; the result computes the same function.
    public func apply(to aig: AIG) -> AIG {
        switch self {
        case .strash: return aig.structurallyHashed()
        case .balance: return aig.balanced()
        case .rewrite(let zeroCost): return aig.rewritten(RewriteOptions(zeroCost: zeroCost))
        case .refactor(let zeroCost): return aig.refactored(RefactorOptions(zeroCost: zeroCost))
        case .fraig(let limit):
            var options = SATSweeper.Options()
            options.conflictLimit = limit
            return SATSweeper(options: options).run(aig)
        }
    }

    /// Every command a script accepts, for parsing and help.
    static let commands: [Command] = [
        Command(names: ["strash", "st", "sweep"]) { _ in .strash },
        Command(names: ["balance", "b"]) { _ in .balance },
        Command(names: ["rewrite", "rw"], flags: ["-z"]) { .rewrite(zeroCost: $0.flags.contains("-z")) },
        Command(names: ["refactor", "rf"], flags: ["-z"]) { .refactor(zeroCost: $0.flags.contains("-z")) },
        Command(names: ["fraig"], valueFlags: ["-C"]) { arguments in
            arguments.values["-C"].map { .fraig(conflictLimit: $0) } ?? .fraig()
        },
    ]

    /// A script command: its names (the first is the canonical one), its
    /// switches, its flags that take a positive integer, and the step it makes.
    struct Command: Sendable {
        var names: [String]
        var flags: Set<String> = []
        var valueFlags: Set<String> = []
        var make: @Sendable (Arguments) -> OptimizationStep
    }

    /// The flags given to one command.
    struct Arguments: Sendable {
        var flags: Set<String> = []
        var values: [String: Int] = [:]
    }
}
