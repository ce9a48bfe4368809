import Circuits
import LanguageModels

/// How `witnessSearch` searches.
public struct WitnessSearchParams: Sendable {
    /// Contexts kept between rounds (the beam).
    public var beam = 16
    /// Mutants simulated per beam member and round (each changes one or two bytes to allowed values).
    public var mutants = 256
    /// Rounds at most.
    public var rounds = 400
    /// When the search stops whatever the rounds left.
    public var deadline: ContinuousClock.Instant?
    public var seed: UInt64 = 0x5EA2C4

    public init(rounds: Int = 400, deadline: ContinuousClock.Instant? = nil) {
        self.rounds = rounds
        self.deadline = deadline
    }
}

/// Looks for a context meeting `constraints` on which every score goal holds by beam search over contexts:
/// each round mutates the best contexts found so far (one or two bytes set to values their constraints allow),
/// simulates all mutants at once, and keeps those closest to meeting the goals — the margin of the goal that is
/// furthest from holding, in score points (`top c`: c's score above every other class's, ties broken by the
/// prediction rule; `score(c) ≥ n`: the distance to n). It finds witnesses that random contexts miss when they
/// are rare but reachable by small steps; it cannot show that none exists. Goals on named nodes are not
/// searched (nil). The witness is a context the caller replays like any other.
public func witnessSearch(model: CircuitLanguageModel, constraints: [ContextConstraint], goals: [Query.Goal],
                          params: WitnessSearchParams = WitnessSearchParams()) -> [UInt8]? {
    guard !goals.isEmpty, goals.allSatisfy({ if case .node = $0 { false } else { true } }) else { return nil }
    let w = model.contextLength, classes = model.classCount
    var allowed = [[UInt8]](repeating: (0...255).map { UInt8($0) }, count: w)
    for c in constraints { allowed[w - c.position] = allowed[w - c.position].filter { c.allowed.contains($0) } }
    guard allowed.allSatisfy({ !$0.isEmpty }) else { return nil }
    var goalClasses = [(goal: Query.Goal, c: Int)]()
    for goal in goals {
        switch goal {
        case .top(let b), .notTop(let b), .score(let b, _, _):
            guard let c = model.classIndex(of: b) else { return nil }
            goalClasses.append((goal, c))
        case .node: return nil
        }
    }
    /// How far the scores are from meeting every goal: the smallest goal margin (≥ 0: every goal holds).
    func fitness(_ s: ArraySlice<Int32>) -> Int {
        var worst = Int.max
        for (goal, c) in goalClasses {
            let margin: Int
            switch goal {
            case .top:
                // c must beat every d: strictly when d comes first (d < c), at least equally otherwise.
                var m = Int.max
                for d in 0..<classes where d != c { m = min(m, Int(s[s.startIndex + c]) - Int(s[s.startIndex + d]) - (d < c ? 1 : 0)) }
                margin = m
            case .notTop:
                var m = Int.min
                for d in 0..<classes where d != c { m = max(m, Int(s[s.startIndex + d]) - Int(s[s.startIndex + c]) - (d > c ? 1 : 0)) }
                margin = m
            case .score(_, let relation, let n):
                let v = Int(s[s.startIndex + c])
                switch relation {
                case .atLeast: margin = v - n
                case .greater: margin = v - n - 1
                case .atMost: margin = n - v
                case .less: margin = n - v - 1
                case .equal: margin = -abs(v - n)
                case .notEqual: margin = v == n ? -1 : 0
                }
            case .node:
                margin = Int.min
            }
            worst = min(worst, margin)
        }
        return worst
    }
    var rng = SplitMix64(seed: params.seed)
    let free = (0..<w).filter { allowed[$0].count > 1 }
    func randomContext() -> [UInt8] { (0..<w).map { allowed[$0][Int(rng.next() % UInt64(allowed[$0].count))] } }
    // The first beam: the best of a random batch.
    let batch = params.beam * params.mutants
    var contexts = [UInt8]()
    contexts.reserveCapacity(batch * w)
    for _ in 0..<batch { contexts += randomContext() }
    var beam = [(fitness: Int, context: [UInt8])]()
    for round in 0...params.rounds {
        if let deadline = params.deadline, ContinuousClock.now >= deadline { return nil }
        let count = contexts.count / w
        let scores = model.scores(contexts: contexts, count: count)
        var scored = beam
        for k in 0..<count {
            let f = fitness(scores[k * classes ..< (k + 1) * classes])
            if f >= 0 {
                let found = Array(contexts[k * w ..< (k + 1) * w])
                // The margins follow the prediction rule; the caller replays the witness to be sure.
                if Query.goalsHold(model: model, context: found, goals: goals) { return found }
            }
            scored.append((f, Array(contexts[k * w ..< (k + 1) * w])))
        }
        // Keep the best distinct contexts.
        scored.sort { $0.fitness > $1.fitness }
        var seen = Set<[UInt8]>()
        beam = []
        for candidate in scored where beam.count < params.beam && seen.insert(candidate.context).inserted { beam.append(candidate) }
        guard round < params.rounds, !free.isEmpty else { break }
        contexts.removeAll(keepingCapacity: true)
        for member in beam {
            for _ in 0..<params.mutants {
                var mutant = member.context
                for _ in 0 ..< 1 + Int(rng.next() % 2) {
                    let j = free[Int(rng.next() % UInt64(free.count))]
                    mutant[j] = allowed[j][Int(rng.next() % UInt64(allowed[j].count))]
                }
                contexts += mutant
            }
        }
    }
    return nil
}
