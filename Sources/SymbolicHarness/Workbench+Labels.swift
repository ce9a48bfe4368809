import Foundation
import Symbolic

extension Workbench {
    /// For each named rule, head or shift: the split's bits/byte of the version without it, and
    /// the change (positive: the item helps). A rule is silenced (it needs more than its total
    /// weight, so it never fires) and a head finds nothing (its threshold is out of reach, so it
    /// writes `as.none`), so the labels they write stay known; a shift is deleted. An item that
    /// cannot be removed so gets the reason instead.
    public func ablate(names: [String], version requested: Int? = nil, split: Split = .devSmall) throws -> AblationResult {
        guard !names.isEmpty else { throw WorkbenchError("names must name at least one rule, head or shift") }
        let v = try version(requested), base = try program(v), baseScore = try score(base, split).bitsPerByte
        let entries = names.map { name -> AblationEntry in
            do {
                let bpb = try score(Self.ablated(name, in: base), split).bitsPerByte
                return AblationEntry(name: name, bitsPerByte: bpb, delta: bpb - baseScore, error: nil)
            } catch {
                return AblationEntry(name: name, bitsPerByte: nil, delta: nil, error: String(describing: error))
            }
        }
        return AblationResult(version: v, split: split, bitsPerByte: baseScore, ablations: entries)
    }

    /// The program with one layer item made inert (see `ablate`).
    static func ablated(_ name: String, in program: SymbolicProgram) throws -> SymbolicProgram {
        guard let place = ProgramPatch.place(of: name, in: program) else { throw WorkbenchError("there is no item named \(name)") }
        guard case .layer(let l, let i) = place, case .statement(let statement, let comment) = program.layers[l].items[i] else {
            throw WorkbenchError("\(name) is a labels item; ablate removes rules, heads and shifts")
        }
        var result = program
        switch statement {
        case .rule(var rule):
            rule.form = .need(rule.literals.reduce(0) { $0 + $1.weight } + 1)
            result.layers[l].items[i] = .statement(.rule(rule), comment: comment)
        case .head(var head):
            head.threshold = Int(Int32.max)
            result.layers[l].items[i] = .statement(.head(head), comment: comment)
        case .shift:
            result.layers[l].items.remove(at: i)
        }
        return result
    }

    /// For each label (or group) name, read after the last layer at the positions that predict
    /// the split's bytes: how often it holds, the information it carries about the next byte (both
    /// on the whole split), and the stored labels most often present with it (on the split's
    /// positions among the first `coOccurrenceBytes` of dev, where every label is read).
    public func labelStats(names: [String], version requested: Int? = nil, split: Split = .devSmall) throws -> LabelStatsResult {
        guard !names.isEmpty else { throw WorkbenchError("names must name at least one label") }
        let v = try version(requested), a = try analysis(program(v)), splits = scoring.splits
        let view = LabelSetView(a.interpreter), positions = splits.positions(split)
        let sample = positions.filter { $0 < splits.dev.lowerBound + Self.coOccurrenceBytes }
        let stored = storedLabels(a, predicting: sample)
        let next = positions.map { splits.bytes[$0] }
        let stats = try names.map { name -> LabelStatistics in
            guard let members = view.members(of: name) else {
                return LabelStatistics(name: name, positions: nil, firingRate: nil, bitsAboutNextByte: nil, coOccurring: nil, coOccurrencePositions: nil,
                                       error: "\(name) is not a label of v\(v): not a byte label, bos, a group, or a label any component writes")
            }
            let holds = try self.holds(name, a, positions)
            let memberSet = Set(members)
            var together = [Int: Int](), count = 0
            for labels in stored where !labels.isDisjoint(with: memberSet) {
                count += 1
                for l in labels where !memberSet.contains(l) { together[l, default: 0] += 1 }
            }
            let co = together.sorted { ($0.value, -$0.key) > ($1.value, -$1.key) }.prefix(5).map {
                CoOccurrence(label: view.universe.labels[$0.key].description, share: Double($0.value) / Double(max(count, 1)))
            }
            return LabelStatistics(name: name, positions: positions.count, firingRate: Double(holds.filter { $0 }.count) / Double(max(positions.count, 1)),
                                   bitsAboutNextByte: Self.mutualInformation(holds, next), coOccurring: Array(co), coOccurrencePositions: count, error: nil)
        }
        return LabelStatsResult(version: v, split: split, labels: stats)
    }

    /// How much of dev label_stats reads every label of (on the reference interpreter).
    public static let coOccurrenceBytes = 8192

    /// Whether the label named `name` holds where each of `positions` (dev, sorted) is predicted from.
    func holds(_ name: String, _ a: ProgramAnalysis, _ positions: [Int]) throws -> [Bool] {
        guard let first = positions.first, let last = positions.last else { return [] }
        let label = try PositionFilter.label(name)
        let text = Array(scoring.splits.bytes[..<(last + 1)])
        // A rule's `@self` expansions are not names the checker knows: probe those as a prefix
        // that matches that one label only, else read them from the reference.
        let view = LabelSetView(a.interpreter)
        let onlyItself = view.universe.labels.filter { $0.description.hasPrefix(name) }.map(\.description) == [name]
        let probes: [LabelPattern] = onlyItself ? [.label(label), .prefix(name)] : [.label(label)]
        guard let all = probes.lazy.compactMap({ try? ProgramEvaluation.holds($0, in: a.program, predicting: first..<(last + 1), text: text) }).first else {
            let members = Set(view.members(of: name) ?? [])
            return storedLabels(a, predicting: positions).map { !$0.isDisjoint(with: members) }
        }
        return positions.map { all[$0 - first] }
    }

    /// The labels stored after the last layer at t − 1, for each dev position t (sorted): what predicts t.
    func storedLabels(_ a: ProgramAnalysis, predicting positions: [Int]) -> [Set<Int>] {
        guard let last = positions.last else { return [] }
        let splits = scoring.splits
        // Dev's predictions read positions dev.lowerBound − 1 …; their labels need L·S bytes before.
        let window = a.interpreter.program.layerCount * a.interpreter.program.span
        let start = max(0, splits.dev.lowerBound - 1 - window)
        let trace = ProgramEvaluation.labelTrace(of: a.interpreter, text: Array(splits.bytes[start..<last])).trace
        let layer = a.interpreter.program.layerCount
        return positions.map { Set(trace.labelNumbers(at: $0 - 1 - start, afterLayer: layer)) }
    }

    /// I(X; Y) in bits, the plug-in estimate, for a binary X and a byte Y.
    static func mutualInformation(_ x: [Bool], _ y: [UInt8]) -> Double {
        let n = Double(x.count)
        guard n > 0 else { return 0 }
        var joint = [[Double]](repeating: [Double](repeating: 0, count: 256), count: 2)
        for (a, b) in zip(x, y) { joint[a ? 1 : 0][Int(b)] += 1 }
        let px = joint.map { $0.reduce(0, +) / n }
        var py = [Double](repeating: 0, count: 256)
        for b in 0..<256 { py[b] = (joint[0][b] + joint[1][b]) / n }
        var mi = 0.0
        for a in 0..<2 { for b in 0..<256 where joint[a][b] > 0 {
            let p = joint[a][b] / n
            mi += p * log2(p / (px[a] * py[b]))
        } }
        return max(0, mi)
    }
}
