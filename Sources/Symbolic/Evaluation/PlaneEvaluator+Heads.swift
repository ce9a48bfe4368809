/// Attention over planes: for each offset d (the key at i − d), the score's thermometer, the
/// candidates, the selection (`recent` or `best`, top k, ties to the nearer) and the copy.
extension PlaneEvaluator {
    /// A relation's truth at offset d: a constant (byte offsets) or a plane (grouping distances).
    private enum Truth {
        case constant(Bool)
        case plane(Plane?)
    }

    mutating func attend(_ head: CompiledLayer.Head, _ x: [Plane?], _ reader: inout Reader, into stage: inout [Plane?]) {
        let one = algebra.one
        // Active query terms: (q.H.X at i, X at the key).
        var terms = [(query: Plane, key: Plane?)]()
        for q in head.queries { if let query = x[q.query] { terms.append((query, reader.has(q.key, &algebra))) } }
        let relations = head.masks + head.bonuses.map(\.0)
        let maxScore = min(terms.count + head.bonuses.reduce(0) { $0 + $1.1 }, SymbolicProgram.Limits.scoreCap)
        let cap = head.best ? maxScore : min(head.threshold, maxScore)
        let boundaries = relations.map { $0.boundary.map { reader.has($0, &algebra) } }
        // Grouping distances: boundaries in (i − d, i], saturating at D, one thermometer per relation.
        var distances = relations.map { _ in Thermometer<Algebra>(cap: SymbolicProgram.Limits.distanceCap) }
        let first = head.includesSelf ? 0 : 1
        var candidates = [Plane?](), scores = [Thermometer<Algebra>]()
        if head.threshold <= maxScore {
            for d in first...head.span {
                if d >= 1 {
                    for r in relations.indices {
                        if case let boundary?? = boundaries[r] { distances[r].add(algebra.shifted(boundary, by: d - 1), weight: 1, in: &algebra) }
                    }
                }
                func truth(_ r: Int) -> Truth {
                    let rel = relations[r]
                    guard rel.boundary != nil else { return .constant(rel.holds(distance: d)) }
                    let atLeast = { (m: Int) in distances[r].atLeast(m, one: one) }
                    switch rel.comparison {
                    case .greaterOrEqual: return .plane(atLeast(rel.value))
                    case .lessOrEqual: return .plane(algebra.andNot(one, atLeast(rel.value + 1)))
                    case .equal: return .plane(algebra.andNot(atLeast(rel.value), atLeast(rel.value + 1)))
                    }
                }
                var allowed: Plane? = one
                for r in head.masks.indices {
                    switch truth(r) {
                    case .constant(let holds): if !holds { allowed = nil }
                    case .plane(let p): allowed = algebra.and(allowed, p)
                    }
                }
                var score = Thermometer<Algebra>(cap: cap)
                if allowed != nil {
                    for t in terms { score.add(t.query, and: t.key, shiftedBy: d, weight: 1, in: &algebra) }
                    for (b, bonus) in head.bonuses.enumerated() {
                        switch truth(head.masks.count + b) {
                        case .constant(let holds): if holds { score.add(one, weight: bonus.1, in: &algebra) }
                        case .plane(let p): score.add(p, weight: bonus.1, in: &algebra)
                        }
                    }
                }
                candidates.append(algebra.and(allowed, score.atLeast(head.threshold, one: one)))
                scores.append(score)
            }
        }
        let selected = select(head, candidates: candidates, scores: scores)
        var any: Plane?
        for s in selected { any = algebra.or(any, s) }
        stage[head.none] = algebra.or(stage[head.none], algebra.not(any))
        for c in head.copies {
            let source = reader.has(c.source, &algebra)
            var out: Plane?
            for (k, s) in selected.enumerated() { out = algebra.or(out, algebra.and(s, algebra.shifted(source, by: first + k))) }
            stage[c.target] = algebra.or(stage[c.target], out)
        }
    }

    /// The selected offsets among the candidates (nearest first).
    private mutating func select(_ head: CompiledLayer.Head, candidates: [Plane?], scores: [Thermometer<Algebra>]) -> [Plane?] {
        let one = algebra.one
        var ranked = candidates
        if head.best && head.top == 1 {
            // Keep the candidates no other candidate outscores: for every level t above the threshold,
            // [s ≥ t] or no candidate reaches t.
            let levels = scores.first?.cap ?? 0
            for t in stride(from: max(head.threshold, 0) + 1, through: levels, by: 1) {
                var reached: Plane?
                for (d, c) in candidates.enumerated() { reached = algebra.or(reached, algebra.and(c, scores[d].atLeast(t, one: one))) }
                guard let reached else { continue }
                for d in ranked.indices {
                    ranked[d] = algebra.and(ranked[d], algebra.or(scores[d].atLeast(t, one: one), algebra.not(reached)))
                }
            }
        } else if head.best {
            // Top k by score, ties to the nearer: selected iff fewer than k candidates rank above.
            let levels = (scores.first?.cap ?? 0)
            func outscores(_ a: Int, _ b: Int) -> Plane? {   // s_a > s_b
                var gt: Plane?
                for t in stride(from: max(head.threshold, 0) + 1, through: levels, by: 1) {
                    gt = algebra.or(gt, algebra.andNot(scores[a].atLeast(t, one: one), scores[b].atLeast(t, one: one)))
                }
                return gt
            }
            var result = [Plane?]()
            for d in candidates.indices {
                var above = Thermometer<Algebra>(cap: head.top)
                for e in candidates.indices where e != d {
                    // A nearer candidate ranks above unless d outscores it; a farther one only if it outscores d.
                    let ranksAbove = e < d ? algebra.andNot(candidates[e], outscores(d, e)) : algebra.and(candidates[e], outscores(e, d))
                    above.add(ranksAbove, weight: 1, in: &algebra)
                }
                result.append(algebra.andNot(candidates[d], above.atLeast(head.top, one: one)))
            }
            return result
        }
        // The k nearest.
        var before = Thermometer<Algebra>(cap: head.top)
        var result = [Plane?]()
        for c in ranked {
            result.append(algebra.andNot(c, before.atLeast(head.top, one: one)))
            before.add(c, weight: 1, in: &algebra)
        }
        return result
    }
}
