import Circuits
import GateLMSupport
import Solver

/// SAT sweeping (ABC's `fraig`): merges nodes that compute the same function
/// up to complement, proving each merge with a small incremental SAT call.
///
/// Random simulation groups nodes into candidate classes. The AIG is then
/// rebuilt in topological order; each node with an earlier class
/// representative is checked against it on the circuit being built (so
/// earlier merges simplify later queries). A proof merges the node, a
/// counterexample is simulated and refines the classes, and a query that
/// hits its conflict limit keeps the node. Latches are free variables:
/// the sweep is combinational and keeps every latch.
public struct SATSweeper: Sendable {
    /// Tuning of the sweep.
    public struct Options: Sendable, Hashable {
        /// Conflicts allowed per SAT query before the pair is left undecided (ABC's fraig uses 100).
        public var conflictLimit = 100
        /// 64-pattern words of random simulation before the first query.
        public var simulationWords = 16
        /// Seed of the random patterns.
        public var seed: UInt64 = 0x5eed
        /// When set, no query starts after this instant (the remaining nodes are kept).
        public var deadline: ContinuousClock.Instant?
        /// A fresh solver replaces one that holds more variables than this
        /// (after `recycleCalls` calls on it): small solvers answer small
        /// queries fast, a big one walks all its variables on every call.
        public var recycleVariables = 20_000
        /// Calls a solver answers at least before it is recycled.
        public var recycleCalls = 100

        public init() {}
    }

    /// What a sweep did.
    public struct Statistics: Sendable, Hashable {
        /// Nodes merged after a SAT proof.
        public var proved = 0
        /// Nodes merged because rebuilding them on merged fanins gave the representative itself.
        public var structural = 0
        /// Candidate pairs a counterexample separated.
        public var disproved = 0
        /// Candidate pairs left undecided at the conflict limit or deadline.
        public var undecided = 0
        /// SAT solver calls.
        public var satCalls = 0
        /// Candidate classes after random simulation.
        public var initialClasses = 0
        /// SAT solvers used (see `Options.recycleVariables`).
        public var solvers = 1
    }

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    /// The swept circuit: same interface, every proven equivalence merged.
    public func run(_ aig: AIG) -> AIG { sweep(aig).aig }

    /// The swept circuit and what the sweep did.
    public func sweep(_ aig: AIG) -> (aig: AIG, statistics: Statistics) {
        var state = SweepState(aig, options: options)
        state.run()
        return (state.rebuild.finish(), state.statistics)
    }
}

/// The working state of one sweep.
private struct SweepState {
    let options: SATSweeper.Options
    let source: AIG
    var rebuild: AIGRebuilder
    /// The circuit being built, as the SAT solver sees it (mirrors `rebuild.builder`).
    var cnf = AIGCNF()
    var solver = SATSolver()
    var simulator: NodeSimulator
    var classes: CandidateClasses
    var rng: SplitMix64
    var statistics = SATSweeper.Statistics()
    /// One simulation word per variable, for counterexamples.
    var counterexampleSimulator: NodeSimulator

    init(_ aig: AIG, options: SATSweeper.Options) {
        self.options = options
        source = aig
        rebuild = AIGRebuilder(aig)
        rng = SplitMix64(seed: options.seed)
        simulator = NodeSimulator(aig, words: options.simulationWords)
        counterexampleSimulator = NodeSimulator(aig, words: 1)
        var rng = self.rng
        simulator.simulate(leafWords: (0..<simulator.leafCount * options.simulationWords).map { _ in rng.next() })
        self.rng = rng
        classes = CandidateClasses(values: simulator.values, words: options.simulationWords, variableCount: aig.variableCount)
        statistics.initialClasses = classes.count
        for _ in 0..<simulator.leafCount { cnf.appendLeaf() }
    }

    mutating func run() {
        let first = source.firstAndVariable
        for k in 0..<source.andCount {
            let v = first + k
            let image = buildAnd(k)
            guard classes.representative(of: v) != nil else { continue }
            if let deadline = options.deadline, ContinuousClock.now >= deadline { continue }
            resolve(v, image: image)
        }
    }

    /// Rebuilds AND `k` on its fanins' images, mirroring any new node in the CNF graph.
    mutating func buildAnd(_ k: Int) -> Literal {
        let before = rebuild.builder.andCount
        let image = rebuild.copyAnd(k)
        if rebuild.builder.andCount != before {
            let a = rebuild.map(source.fanin0[k]), b = rebuild.map(source.fanin1[k])
            let mirrored = cnf.appendAnd(a, b)
            precondition(mirrored == image, "the CNF graph lost step with the builder")
        }
        return image
    }

    /// Checks node `v` (image `image`) against its class representatives until
    /// one is proven equal, the classes separate it, or a query is undecided.
    mutating func resolve(_ v: Int, image: Literal) {
        while let r = classes.representative(of: v) {
            let target = rebuild.map(Literal(variable: r)).complemented(if: classes.phase[v] != classes.phase[r])
            if target == image {
                statistics.structural += 1
                return
            }
            switch prove(image, equals: target) {
            case .unsatisfiable:
                statistics.proved += 1
                rebuild.setImage(ofVariable: v, to: target)
                return
            case .unknown:
                statistics.undecided += 1
                return
            case .satisfiable:
                statistics.disproved += 1
                refineWithCounterexample(from: v)
                if classes.representative(of: v) == r { return }  // cannot happen: the model separates them
            }
        }
    }

    /// Whether `a ≠ b` is satisfiable on the circuit being built: one call
    /// under a fresh activation literal `m` with `m → a ⊕ b` (two clauses).
    mutating func prove(_ a: Literal, equals b: Literal) -> SATResult {
        if solver.variableCount > options.recycleVariables && solver.calls >= options.recycleCalls {
            solver = SATSolver()
            cnf.forgetEncoding()
            statistics.solvers += 1
        }
        let sa = cnf.literal(for: a, in: solver)
        let assumption: Int32
        if b.isConstant {
            assumption = b == .false ? sa : -sa
        } else {
            let sb = cnf.literal(for: b, in: solver)
            assumption = solver.newVariable()
            solver.addClause(-assumption, sa, sb)
            solver.addClause(-assumption, -sa, -sb)
        }
        statistics.satCalls += 1
        let result = solver.solve(assuming: [assumption], conflictLimit: options.conflictLimit, deadline: options.deadline)
        if result == .unsatisfiable && !b.isConstant { solver.addClause(-assumption) }
        return result
    }

    /// Simulates the last model (leaves outside the queried cones random),
    /// with 63 neighbours that each flip one leaf, and refines the classes.
    mutating func refineWithCounterexample(from v: Int) {
        let leaves = simulator.leafCount
        var words = [UInt64](repeating: 0, count: leaves)
        for i in 0..<leaves {
            if let s = cnf.satVariable(of: 1 + i) {
                words[i] = solver.value(s) ? ~0 : 0
            } else {
                words[i] = rng.next() & 1 == 0 ? 0 : ~0
            }
        }
        for bit in 1..<64 where leaves > 0 {
            words[Int(rng.next() % UInt64(leaves))] ^= 1 << UInt64(bit)
        }
        counterexampleSimulator.simulate(leafWords: words)
        classes.refine(with: counterexampleSimulator.values, from: v)
    }
}
