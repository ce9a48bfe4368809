/// One layer with every name resolved to stored-label numbers and masks.
struct CompiledLayer: Sendable {
    struct Shift: Sendable {
        var offset: Int
        var padding: Int
        /// (written label, what must hold at i − offset).
        var copies: [(target: Int, source: LabelMask)]
    }

    struct Relation: Sendable {
        /// nil: the byte offset i − j; else the boundary mask of a grouping.
        var boundary: LabelMask?
        var comparison: SymbolicProgram.Relation.Comparison
        var value: Int

        func holds(distance: Int) -> Bool {
            switch comparison {
            case .lessOrEqual: return distance <= value
            case .equal: return distance == value
            case .greaterOrEqual: return distance >= value
            }
        }
    }

    struct Head: Sendable {
        var span: Int, threshold: Int, top: Int, best: Bool, includesSelf: Bool
        /// (query label q.H.X, the mask of X at the key).
        var queries: [(query: Int, key: LabelMask)]
        var masks: [Relation]
        var bonuses: [(Relation, Int)]
        var copies: [(target: Int, source: LabelMask)]
        var none: Int
    }

    struct Rule: Sendable {
        var literals: [(mask: LabelMask, negated: Bool, weight: Int)]
        var threshold: Int
        var veto: [LabelMask]
        /// Additions: a stored label, or (with @self) one per byte of the position's own byte.
        var adds: [Int]
        var selfAdds: [[Int]]
        var removes: [Int]
    }

    var shifts: [Shift] = []
    var heads: [Head] = []
    var rules: [Rule] = []

    init(_ layer: SymbolicProgram.Layer, universe u: LabelUniverse, groupings: [String: [LabelPattern]]) {
        func copies(_ patterns: [LabelPattern], prefix: String) -> [(target: Int, source: LabelMask)] {
            var out = [(target: Int, source: LabelMask)]()
            // The whole universe now: labels stored only after this layer have no output label here and are skipped.
            for l in u.matches(patterns, groupNames: u.groups.keys.sorted()) {
                if let target = u.number(of: .named(prefix + "." + l.description)) { out.append((target, u.mask(of: l))) }
            }
            return out
        }
        func relation(_ r: SymbolicProgram.Relation) -> Relation {
            var boundary: LabelMask?
            if r.scale != "off" {
                var m = LabelMask()
                for p in groupings[r.scale] ?? [] { for i in u.numbers(of: p) { m.insert(i) } }
                boundary = m
            }
            return Relation(boundary: boundary, comparison: r.comparison, value: r.value)
        }
        for case .statement(let s, _) in layer.items {
            switch s {
            case .shift(let shift):
                shifts.append(Shift(offset: shift.offset, padding: u.number(of: .named(shift.name + ".bos"))!,
                                    copies: copies(shift.copy, prefix: shift.name)))
            case .head(let head):
                let prefix = head.query + "."
                var queries = [(query: Int, key: LabelMask)]()
                for (i, l) in u.labels.enumerated() {
                    guard case .named(let name) = l, name.hasPrefix(prefix) else { continue }
                    let key = (try? LineScanner.label(String(name.dropFirst(prefix.count)), at: SourceLocation(line: 0, column: 0))) ?? .named("")
                    queries.append((i, u.mask(of: key)))
                }
                heads.append(Head(span: head.span, threshold: head.threshold, top: head.top, best: head.mode == .best,
                                  includesSelf: head.includesSelf, queries: queries, masks: head.masks.map(relation),
                                  bonuses: head.bonuses.sorted { $0.key.description < $1.key.description }.map { (relation($0.key), $0.value) },
                                  copies: copies(head.copy, prefix: head.output), none: u.number(of: .named(head.output + ".none"))!))
            case .rule(let rule):
                var adds = [Int](), selfAdds = [[Int]]()
                for l in rule.adds {
                    let expanded = LabelUniverse.expandingSelf(l)
                    if expanded.count == 1 { adds.append(u.number(of: l)!) } else { selfAdds.append(expanded.map { u.number(of: $0)! }) }
                }
                rules.append(Rule(literals: rule.literals.map { (u.mask(of: $0.label), $0.negated, $0.weight) }, threshold: rule.threshold,
                                  veto: rule.veto.map { u.mask(of: $0) }, adds: adds, selfAdds: selfAdds,
                                  removes: rule.removes.compactMap { u.number(of: $0) }))
            }
        }
    }

    /// x_ℓ from x_{ℓ−1} (`previous`, `words` per position).
    func apply(to previous: [UInt64], text: [UInt8], words: Int) -> [UInt64] {
        let n = text.count
        var next = previous
        let bosWords = LabelTrace.bosWords(words)
        // Padding (before the text, and byte 0x00) holds bos alone; nothing runs there.
        @inline(__always) func has(_ mask: LabelMask, _ j: Int) -> Bool {
            if j < 0 || text[j] == 0 { return mask.intersects(bosWords[...]) }
            return mask.intersects(previous[j * words ..< (j + 1) * words])
        }
        var stage = [UInt64](repeating: 0, count: words)
        @inline(__always) func set(_ label: Int) { stage[label >> 6] |= 1 << UInt64(label & 63) }
        for i in 0..<n where text[i] != 0 {
            for w in 0..<words { stage[w] = previous[i * words + w] }
            for shift in shifts {
                let j = i - shift.offset
                if j < 0 || text[j] == 0 { set(shift.padding); continue }
                let row = j * words
                for c in shift.copies {
                    if let bit = c.source.single {
                        if previous[row + bit >> 6] >> UInt64(bit & 63) & 1 == 1 { set(c.target) }
                    } else if has(c.source, j) { set(c.target) }
                }
            }
            for head in heads {
                let selected = select(head, at: i, previous: previous, words: words, has: has)
                if selected.isEmpty { set(head.none); continue }
                for c in head.copies where selected.contains(where: { has(c.source, $0) }) { set(c.target) }
            }
            // Rules read the snapshot plus this layer's outputs (`stage`); their effects are applied after.
            var additions = [Int](), removals = [Int]()
            for rule in rules {
                var vetoed = false
                for v in rule.veto where v.intersects(stage[...]) { vetoed = true; break }
                if vetoed { continue }
                var sum = 0
                for literal in rule.literals where literal.mask.intersects(stage[...]) != literal.negated { sum += literal.weight }
                guard sum >= rule.threshold else { continue }
                additions += rule.adds
                for expanded in rule.selfAdds { additions.append(expanded[Int(text[i])]) }
                removals += rule.removes
            }
            for a in additions { set(a) }
            for r in removals { stage[r >> 6] &= ~(1 << UInt64(r & 63)) }
            for w in 0..<words { next[i * words + w] = stage[w] }
        }
        return next
    }

    /// The key positions head `h` selects at query position i (nearest first).
    func select(_ h: Head, at i: Int, previous: [UInt64], words: Int, has: (LabelMask, Int) -> Bool) -> [Int] {
        // The query labels stored at i (a query position is never padding).
        let base = i * words
        let active = h.queries.filter { previous[base + $0.query >> 6] >> UInt64($0.query & 63) & 1 == 1 }
        guard !active.isEmpty || h.threshold <= 0 || !h.bonuses.isEmpty else { return [] }
        var candidates = [(j: Int, score: Int)]()
        // Boundary counts d(i, j): boundaries in (j, i], saturating at 7, per relation, walking j down.
        let relations = h.masks + h.bonuses.map(\.0)
        var counts = [Int](repeating: 0, count: relations.count)
        var j = i
        let first = h.includesSelf ? i : i - 1
        while j >= i - h.span {
            if j < i {
                // Entering j: position j + 1 joins (j, i].
                for (r, rel) in relations.enumerated() where rel.boundary.map({ has($0, j + 1) }) == true { counts[r] = min(counts[r] + 1, SymbolicProgram.Limits.distanceCap) }
            }
            if j <= first {
                func distance(_ r: Int) -> Int { relations[r].boundary == nil ? i - j : counts[r] }
                if (0..<h.masks.count).allSatisfy({ h.masks[$0].holds(distance: distance($0)) }) {
                    var score = 0
                    for q in active where has(q.key, j) { score += 1 }
                    for (b, bonus) in h.bonuses.enumerated() where bonus.0.holds(distance: distance(h.masks.count + b)) { score += bonus.1 }
                    score = min(score, SymbolicProgram.Limits.scoreCap)
                    if score >= h.threshold { candidates.append((j, score)) }
                }
            }
            j -= 1
        }
        // Candidates are nearest first; `best` orders by score, ties to the nearer (a stable sort).
        if h.best {
            let ranked = candidates.enumerated().sorted { ($0.element.score, -$0.offset) > ($1.element.score, -$1.offset) }
            return ranked.prefix(h.top).map(\.element.j)
        }
        return candidates.prefix(h.top).map(\.j)
    }
}

