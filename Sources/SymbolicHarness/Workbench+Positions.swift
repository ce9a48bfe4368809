import Foundation
import Symbolic

extension Workbench {
    /// How `worst_positions` groups.
    public enum Grouping: String, Sendable, CaseIterable { case none, winner, target, rule }

    /// The group of the positions where no rule fired, under `group_by` rule.
    public static let noRuleGroup = "(no rule)"

    func report(_ a: ProgramAnalysis, _ t: Int) -> PositionReport {
        let bytes = scoring.splits.bytes, bits = a.bits(at: t, of: bytes)
        return PositionReport(position: t, offset: t - scoring.splits.dev.lowerBound, winner: a.winnerName(a.winners[t]), bits: bits,
                              pTarget: exp2(-bits), context: ByteContext(bytes, at: t))
    }

    /// The highest-loss positions of a split (`group_by` none), or the bits grouped by winner, by
    /// target byte or by rule, largest part first; `limit` entries. By rule, a position counts in
    /// every rule that fired at the position predicting it (any layer), or in `(no rule)`, so the
    /// groups overlap and their parts add up to more than the total.
    public func worstPositions(version requested: Int? = nil, split: Split, limit: Int = 20, groupBy: Grouping = .none) throws -> WorstPositionsResult {
        let v = try version(requested)
        let a = try analysis(program(v)), bytes = scoring.splits.bytes, positions = scoring.splits.positions(split)
        let bits = positions.map { a.bits(at: $0, of: bytes) }
        let n = Double(max(positions.count, 1))
        var reports = [PositionReport](), groups = [PositionGroup]()
        switch groupBy {
        case .none:
            reports = positions.indices.sorted { (bits[$0], -$0) > (bits[$1], -$1) }.prefix(limit).map { report(a, positions[$0]) }
        case .winner, .target, .rule:
            var totals = [String: (count: Int, bits: Double)]()
            func add(_ key: String, _ k: Int) {
                totals[key, default: (0, 0)].count += 1
                totals[key, default: (0, 0)].bits += bits[k]
            }
            if groupBy == .rule {
                let firings = a.interpreter.ruleFirings(predictingRuns: scoring.splits.runs(split), in: bytes)
                var anyFired = [Bool](repeating: false, count: positions.count)
                for (name, fired) in zip(a.interpreter.ruleNames, firings) {
                    for k in fired {
                        add(name, k)
                        anyFired[k] = true
                    }
                }
                for k in positions.indices where !anyFired[k] { add(Self.noRuleGroup, k) }
            } else {
                for (k, t) in positions.enumerated() { add(groupBy == .winner ? a.winnerName(a.winners[t]) : BytePrediction.text(bytes[t]), k) }
            }
            groups = totals.map { PositionGroup(key: $0.key, count: $0.value.count, meanBits: $0.value.bits / Double($0.value.count), bitsPerByte: $0.value.bits / n) }
                .sorted { ($0.bitsPerByte, $1.key) > ($1.bitsPerByte, $0.key) }.prefix(limit).map { $0 }
        }
        return WorstPositionsResult(version: v, split: split, groupBy: groupBy.rawValue, bitsPerByte: bits.reduce(0, +) / n, positions: reports, groups: groups)
    }

    /// Version b against version a on a split: Δbits/byte, each winner's part in both, and the
    /// `limit` positions where b gains and loses most.
    public func compare(_ va: Int, _ vb: Int, split: Split, limit: Int = 10) throws -> ComparisonResult {
        let a = try analysis(program(version(va))), b = try analysis(program(version(vb)))
        let bytes = scoring.splits.bytes, positions = scoring.splits.positions(split), n = Double(max(positions.count, 1))
        var parts = [String: (winsA: Int, winsB: Int, bitsA: Double, bitsB: Double)]()
        var deltas = [Double](), totalA = 0.0, totalB = 0.0
        for t in positions {
            let bitsA = a.bits(at: t, of: bytes), bitsB = b.bits(at: t, of: bytes)
            totalA += bitsA
            totalB += bitsB
            deltas.append(bitsB - bitsA)
            parts[a.winnerName(a.winners[t]), default: (0, 0, 0, 0)].winsA += 1
            parts[a.winnerName(a.winners[t]), default: (0, 0, 0, 0)].bitsA += bitsA
            parts[b.winnerName(b.winners[t]), default: (0, 0, 0, 0)].winsB += 1
            parts[b.winnerName(b.winners[t]), default: (0, 0, 0, 0)].bitsB += bitsB
        }
        let winners = parts.map { WinnerDelta(label: $0.key, winsA: $0.value.winsA, winsB: $0.value.winsB, bitsPerByteA: $0.value.bitsA / n,
                                               bitsPerByteB: $0.value.bitsB / n, delta: ($0.value.bitsB - $0.value.bitsA) / n) }
            .sorted { (abs($0.delta), $1.label) > (abs($1.delta), $0.label) }
        func delta(_ k: Int) -> PositionDelta {
            let t = positions[k]
            return PositionDelta(position: t, offset: t - scoring.splits.dev.lowerBound, winnerA: a.winnerName(a.winners[t]), winnerB: b.winnerName(b.winners[t]),
                                 bitsA: a.bits(at: t, of: bytes), bitsB: b.bits(at: t, of: bytes), delta: deltas[k], context: ByteContext(bytes, at: t))
        }
        let order = positions.indices.sorted { (deltas[$0], $0) < (deltas[$1], $1) }
        let wins = order.prefix(limit).filter { deltas[$0] < 0 }.map(delta)
        let regressions = order.reversed().prefix(limit).filter { deltas[$0] > 0 }.map(delta)
        return ComparisonResult(a: va, b: vb, split: split, bitsPerByteA: totalA / n, bitsPerByteB: totalB / n, delta: (totalB - totalA) / n,
                                winners: winners, largestWins: wins, largestRegressions: regressions)
    }
}

extension Workbench {
    /// The positions of a split that satisfy `condition` (`PositionFilter`: e.g.
    /// `has(det) && winner==ind.b:* && target==b:'s'`): how many, their part of the bits, and the
    /// `limit` of highest loss with contexts.
    public func findPositions(where condition: String, version requested: Int? = nil, split: Split, limit: Int = 20) throws -> FindPositionsResult {
        let filter = try PositionFilter(parsing: condition)
        let v = try version(requested)
        let a = try analysis(program(v)), bytes = scoring.splits.bytes, positions = scoring.splits.positions(split)
        let view = LabelSetView(a.interpreter)
        var holding = [String: [Bool]]()
        for case .has(let name, _) in filter.terms where holding[name] == nil {
            guard view.members(of: name) != nil else { throw WorkbenchError("where: has(\(name)): \(name) is not a label of v\(v)") }
            holding[name] = try holds(name, a, positions)
        }
        var matching = [Int]()
        for (k, t) in positions.enumerated() {
            let winner = a.winnerName(a.winners[t]), target = Label.byte(bytes[t]).description
            let ok = filter.terms.allSatisfy { term in
                switch term {
                case .has(let name, let negated): return holding[name]![k] != negated
                case .winner(let p, let negated): return PositionFilter.matches(p, winner) != negated
                case .target(let p, let negated): return PositionFilter.matches(p, target) != negated
                }
            }
            if ok { matching.append(t) }
        }
        let bits = matching.map { a.bits(at: $0, of: bytes) }, total = bits.reduce(0, +)
        let worst = matching.indices.sorted { (bits[$0], -$0) > (bits[$1], -$1) }.prefix(limit).map { report(a, matching[$0]) }
        return FindPositionsResult(version: v, split: split, condition: condition, matches: matching.count,
                                   share: Double(matching.count) / Double(max(positions.count, 1)), meanBits: matching.isEmpty ? 0 : total / Double(matching.count),
                                   bitsPerByte: total / Double(max(positions.count, 1)), positions: worst)
    }
}
