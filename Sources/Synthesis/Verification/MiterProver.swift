import Circuits
import GateLMSupport
import Solver

/// Decides whether every output of a miter is constant 0, as ABC's `cec`
/// does: random simulation, then rounds of SAT sweeping (which merges the
/// two circuits' equal internal nodes, so most outputs fold to 0) with
/// growing conflict limits, each followed by one SAT query per remaining
/// output. Many small incremental calls instead of one monolithic one.
struct MiterProver {
    enum Outcome: Equatable {
        /// Every output is 0 for every input.
        case allZero
        /// Values of the miter's inputs that set output `output` to 1.
        case counterexample(inputs: [Bool], output: Int)
        case undecided(reason: String)
    }

    /// Conflict limit of the last per-output queries (nil: none).
    var conflictLimit: Int?
    var deadline: ContinuousClock.Instant?
    var sweep = SATSweeper.Options()

    /// Conflict limits of each round: per sweep query, then per output query;
    /// the last round's output queries use `conflictLimit`.
    static let rounds: [(sweep: Int, outputs: Int)] = [(100, 1_000), (1_000, 20_000), (10_000, 0)]

    func prove(_ miter: AIG) -> Outcome {
        if let found = simulate(miter) { return found }
        var current = miter
        for (r, round) in Self.rounds.enumerated() {
            if timedOut { return .undecided(reason: "time limit reached") }
            let last = r == Self.rounds.count - 1
            var options = sweep
            options.conflictLimit = min(round.sweep, conflictLimit ?? .max)
            options.deadline = deadline
            current = SATSweeper(options: options).run(current)
            let outputLimit = last ? conflictLimit : min(round.outputs, conflictLimit ?? .max)
            let outcome = checkOutputs(&current, conflictLimit: outputLimit)
            if case .undecided = outcome, !last { continue }
            return outcome
        }
        return .undecided(reason: "conflict limit reached")
    }

    private var timedOut: Bool { deadline.map { ContinuousClock.now >= $0 } ?? false }

    /// A counterexample found by random simulation, if any.
    private func simulate(_ miter: AIG) -> Outcome? {
        var simulator = NodeSimulator(miter, words: sweep.simulationWords)
        var rng = SplitMix64(seed: sweep.seed ^ 0x9e37_79b9_7f4a_7c15)
        simulator.simulate(leafWords: (0..<simulator.leafCount * sweep.simulationWords).map { _ in rng.next() })
        for (o, output) in miter.outputs.enumerated() {
            for w in 0..<sweep.simulationWords {
                let word = simulator.word(output, w)
                guard word != 0 else { continue }
                let bit = word.trailingZeroBitCount
                let inputs = (0..<miter.inputCount).map { i in simulator.word(miter.inputLiteral(i), w) >> bit & 1 != 0 }
                return .counterexample(inputs: inputs, output: o)
            }
        }
        return nil
    }

    /// One SAT query per output of `swept` that is not constant 0; outputs
    /// proven 0 are set to 0.
    private func checkOutputs(_ swept: inout AIG, conflictLimit: Int?) -> Outcome {
        let solver = SATSolver()
        var cnf = AIGCNF(swept)
        var undecided = 0
        for (o, output) in swept.outputs.enumerated() where output != .false {
            if timedOut { return .undecided(reason: "time limit reached") }
            let s = cnf.literal(for: output, in: solver)
            switch solver.solve(assuming: [s], conflictLimit: conflictLimit, deadline: deadline) {
            case .unsatisfiable:
                swept.outputs[o] = .false
            case .satisfiable:
                let inputs = (0..<swept.inputCount).map { i in cnf.satVariable(of: 1 + i).map(solver.value) ?? false }
                return .counterexample(inputs: inputs, output: o)
            case .unknown:
                undecided += 1
            }
        }
        if undecided == 0 { return .allZero }
        return .undecided(reason: timedOut ? "time limit reached"
                          : "\(undecided) output\(undecided == 1 ? "" : "s") undecided at the conflict limit")
    }
}
