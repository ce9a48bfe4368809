import Circuits

/// A sequence of optimisation passes written as text, ABC style:
/// `"strash; balance; rewrite; refactor; balance; rewrite -z"`.
public struct OptimizationScript: Hashable, Sendable, CustomStringConvertible {
    public var steps: [OptimizationStep]

    public init(_ steps: [OptimizationStep]) { self.steps = steps }

    /// Parses commands separated by `;` (or new lines), each a name followed by flags.
    public init(parsing text: String) throws(ScriptError) {
        var steps: [OptimizationStep] = []
        let commands = text.split(whereSeparator: { $0 == ";" || $0 == "\n" })
            .map { $0.split(separator: " ").map(String.init) }
            .filter { !$0.isEmpty }
        for words in commands {
            let name = words[0]
            guard let command = OptimizationStep.commands.first(where: { $0.names.contains(name) }) else {
                throw .unknownCommand(name, known: OptimizationStep.commandNames)
            }
            var arguments = OptimizationStep.Arguments()
            var rest = words.dropFirst()
            while let flag = rest.popFirst() {
                if command.flags.contains(flag) {
                    arguments.flags.insert(flag)
                } else if command.valueFlags.contains(flag) {
                    guard let text = rest.popFirst(), let value = Int(text), value > 0 else {
                        throw .badValue(flag: flag, command: name)
                    }
                    arguments.values[flag] = value
                } else {
                    throw .unknownFlag(flag, command: name, known: command.flags.union(command.valueFlags).sorted())
                }
            }
            steps.append(command.make(arguments))
        }
        guard !steps.isEmpty else { throw .empty }
        self.steps = steps
    }

    public var description: String { steps.map(\.description).joined(separator: "; ") }

    /// What one step did.
    public struct StepReport: Sendable {
        public var step: OptimizationStep
        public var ands: Int
        public var levels: Int
        public var seconds: Double
    }

    /// Runs the steps in order, calling `report` after each.
    public func run(_ aig: AIG, report: (StepReport) -> Void = { _ in }) -> AIG {
        var current = aig
        let clock = ContinuousClock()
        for step in steps {
            let start = clock.now
            current = step.apply(to: current)
            let elapsed = clock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            report(StepReport(step: step, ands: current.andCount, levels: current.depth, seconds: seconds))
        }
        return current
    }
}

/// Why a script could not be parsed.
public enum ScriptError: Error, Hashable, Sendable, CustomStringConvertible {
    case empty
    case unknownCommand(String, known: [String])
    case unknownFlag(String, command: String, known: [String])
    case badValue(flag: String, command: String)

    public var description: String {
        switch self {
        case .empty:
            return "the optimisation script is empty"
        case .unknownCommand(let name, let known):
            return "unknown optimisation command '\(name)' (known: \(known.joined(separator: ", ")))"
        case .unknownFlag(let flag, let command, let known):
            let allowed = known.isEmpty ? "it takes no flags" : "known: \(known.joined(separator: " "))"
            return "unknown flag '\(flag)' for \(command) (\(allowed))"
        case .badValue(let flag, let command):
            return "\(command) \(flag) needs a positive whole number after it"
        }
    }
}

extension OptimizationScript {
    /// The default script of `gatelm optimize`: SAT sweeping first (it merges
    /// what no local rewrite can see: div halves), with a low conflict limit
    /// (pairs still open after 20 conflicts are rarely worth 100 more); then
    /// rewriting, and the zero-cost rewriting, balancing and refactoring that
    /// reshape the graph so the last rewrite finds more. On the EPFL suite it
    /// beats ABC `dc2`'s AND count in less time (bench/SYNTHESIS-RESULTS.md).
    public static let standard = OptimizationScript([
        .strash, .fraig(conflictLimit: 20), .rewrite(zeroCost: false), .rewrite(zeroCost: true), .balance,
        .refactor(zeroCost: true), .rewrite(zeroCost: true), .balance,
    ])
}

extension OptimizationStep {
    /// Every step a script can name: each command without flags and with each of its flags.
    public static var allSteps: [OptimizationStep] {
        commands.flatMap { command in
            [command.make(Arguments())] + command.flags.sorted().map { command.make(Arguments(flags: [$0])) }
        }
    }

    /// The canonical name of every command.
    public static var commandNames: [String] { commands.map { $0.names[0] } }

    /// The commands and their flags, for help texts: `strash (st, sweep), balance (b), …`.
    public static var commandSummary: String {
        commands.map { command in
            let aliases = command.names.dropFirst()
            let flags = command.flags.sorted().map { " [\($0)]" }.joined()
                + command.valueFlags.sorted().map { " [\($0) N]" }.joined()
            return command.names[0] + flags + (aliases.isEmpty ? "" : " (\(aliases.joined(separator: ", ")))")
        }.joined(separator: ", ")
    }
}
