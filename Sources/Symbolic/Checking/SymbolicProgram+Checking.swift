/// The checker: what parses but cannot mean anything (unknown labels, group cycles, spans
/// beyond the window, sizes beyond the limits). No evaluation.
extension SymbolicProgram {
    /// One finding of the checker.
    public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
        public enum Severity: String, Hashable, Sendable { case error, warning }
        public var severity: Severity
        /// Where the item it is about was defined, when known.
        public var location: SourceLocation?
        public var message: String
        public var description: String { "\(location.map { "\($0): " } ?? "")\(severity.rawValue): \(message)" }
    }

    /// The size limits (the design's guards).
    public enum Limits {
        public static let layers = 1...4
        public static let span = 1...64
        public static let groups = 4096
        public static let rules = 4096
        public static let headsPerLayer = 16
        public static let top: Set<Int> = [1, 2, 4]
        /// D: grouping distances saturate here.
        public static let distanceCap = 7
        public static let weight = 1...64
        /// Head scores saturate here (so `best` compares at most this many levels).
        public static let scoreCap = 15
    }

    /// Every error and warning, errors first, each in text order.
    public func check(locations: Locations = [:]) -> [Diagnostic] {
        var found = [Diagnostic]()
        func report(_ severity: Diagnostic.Severity, _ name: String?, _ message: String) {
            found.append(Diagnostic(severity: severity, location: name.flatMap { locations[$0] }, message: message))
        }
        if !Limits.layers.contains(layerCount) { report(.error, nil, "layers must be in \(Limits.layers.lowerBound)...\(Limits.layers.upperBound); got \(layerCount)") }
        if !Limits.span.contains(span) { report(.error, nil, "span must be in \(Limits.span.lowerBound)...\(Limits.span.upperBound); got \(span)") }
        if layers.count != layerCount { report(.error, nil, "the window declares \(layerCount) layers; the program has \(layers.count)") }

        let groups = groupDefinitions, groupings = Set(groupingDefinitions.keys)
        if groups.count > Limits.groups { report(.error, nil, "\(groups.count) groups; at most \(Limits.groups)") }

        // What each layer may read: the built-in labels, groups, what earlier layers wrote, and this layer's shift and head outputs.
        var written = Set<String>(), writtenPrefixes = Set<String>()
        var everyWritten = Set<String>(), everyPrefix = Set<String>()
        for layer in layers {
            for case .statement(let s, _) in layer.items {
                switch s {
                case .shift(let shift): everyPrefix.insert(shift.name + ".")
                case .head(let head): everyPrefix.insert(head.output + ".")
                case .rule(let rule): for l in rule.adds { everyWritten.insert(l.description) }
                }
            }
        }
        func isKnown(_ label: Label, written: Set<String>, prefixes: Set<String>) -> Bool {
            switch label {
            case .byte, .bos: return true
            case .named(let name):
                return groups[name] != nil || written.contains(name) || prefixes.contains { name.hasPrefix($0) }
            }
        }
        func checkPattern(_ p: LabelPattern, in item: String, written: Set<String>, prefixes: Set<String>) {
            if case .label(let l) = p, !isKnown(l, written: written, prefixes: prefixes) {
                report(.error, item, "\(item): unknown label \(l) (not a byte label, a group, or written before it is read)")
            }
        }
        // Groups: members known, no cycles.
        for case .statement(let d, _) in labels {
            switch d {
            case .group(let name, let members), .grouping(let name, let members):
                for m in members { checkPattern(m, in: name, written: everyWritten, prefixes: everyPrefix) }
            }
        }
        for cycle in Self.groupCycles(groups) { report(.error, cycle[0], "group cycle: " + (cycle + [cycle[0]]).joined(separator: " → ")) }

        var ruleCount = 0
        for layer in layers {
            var heads = 0
            let items = layer.items.compactMap(\.statement)
            var prefixes = writtenPrefixes
            for s in items {
                if case .shift(let shift) = s { prefixes.insert(shift.name + ".") }
                if case .head(let head) = s { prefixes.insert(head.output + ".") }
            }
            for s in items {
                switch s {
                case .shift(let shift):
                    if !(1...span).contains(shift.offset) { report(.error, shift.name, "shift \(shift.name): offset must be in 1...\(span) (the span); got \(shift.offset)") }
                    for p in shift.copy { checkPattern(p, in: shift.name, written: written, prefixes: writtenPrefixes) }
                case .head(let head):
                    heads += 1
                    if !(1...span).contains(head.span) { report(.error, head.name, "head \(head.name): span must be in 1...\(span); got \(head.span)") }
                    if !(0...Limits.scoreCap).contains(head.threshold) { report(.error, head.name, "head \(head.name): thresh must be in 0...\(Limits.scoreCap) (scores saturate at \(Limits.scoreCap)); got \(head.threshold)") }
                    if !Limits.top.contains(head.top) { report(.error, head.name, "head \(head.name): top must be 1, 2 or 4; got \(head.top)") }
                    for r in head.masks + Array(head.bonuses.keys) {
                        if r.scale != "off" && !groupings.contains(r.scale) { report(.error, head.name, "head \(head.name): \(r.scale) is not a grouping (nor off)") }
                        let cap = r.scale == "off" ? span : Limits.distanceCap
                        if !(0...cap).contains(r.value) { report(.error, head.name, "head \(head.name): \(r) compares with a distance outside 0...\(cap)") }
                    }
                    if let bad = head.bonuses.first(where: { !Limits.weight.contains($0.value) }) {
                        report(.error, head.name, "head \(head.name): bonus \(bad.value) outside \(Limits.weight.lowerBound)...\(Limits.weight.upperBound)")
                    }
                    for p in head.copy { checkPattern(p, in: head.name, written: written, prefixes: writtenPrefixes) }
                    if !everyWritten.contains(where: { $0.hasPrefix(head.query + ".") }) {
                        report(.warning, head.name, "head \(head.name): no rule writes a query label \(head.query).X, so it never attends")
                    }
                case .rule(let rule):
                    ruleCount += 1
                    for literal in rule.literals {
                        if !Limits.weight.contains(literal.weight) { report(.error, rule.name, "rule \(rule.name): weight \(literal.weight) outside \(Limits.weight.lowerBound)...\(Limits.weight.upperBound)") }
                        checkPattern(.label(literal.label), in: rule.name, written: written, prefixes: prefixes)
                    }
                    for l in rule.veto { checkPattern(.label(l), in: rule.name, written: written, prefixes: prefixes) }
                    let total = rule.literals.reduce(0) { $0 + $1.weight }
                    if case .need(let k) = rule.form, !(0...total).contains(k) {
                        report(k > total ? .warning : .error, rule.name, "rule \(rule.name): needs \(k) of a total weight \(total), so it \(k > total ? "never fires" : "is invalid")")
                    }
                }
            }
            if heads > Limits.headsPerLayer { report(.error, nil, "layer \(layer.number): \(heads) heads; at most \(Limits.headsPerLayer)") }
            for s in items {
                switch s {
                case .shift(let shift): writtenPrefixes.insert(shift.name + ".")
                case .head(let head): writtenPrefixes.insert(head.output + ".")
                case .rule(let rule): for l in rule.adds { written.insert(l.description) }
                }
            }
        }
        if ruleCount > Limits.rules { report(.error, nil, "\(ruleCount) rules; at most \(Limits.rules)") }

        let statements = unembed.compactMap(\.statement)
        let orders = statements.filter { if case .order = $0 { return true } else { return false } }
        if orders.count != 1 { report(.error, nil, "the unembed section needs exactly one order line; it has \(orders.count)") }
        var parents = [String: String]()
        for s in statements {
            switch s {
            case .order(let patterns):
                for p in patterns { checkPattern(p, in: "unembed", written: written, prefixes: writtenPrefixes) }
            case .backoff(let label, let parent):
                checkPattern(label, in: "unembed", written: written, prefixes: writtenPrefixes)
                checkPattern(parent, in: "unembed", written: written, prefixes: writtenPrefixes)
                if parents[label.description] != nil { report(.error, nil, "backoff of \(label) is given twice") }
                parents[label.description] = parent.description
            case .smooth(let beta):
                if !(beta > 0 && beta.isFinite) { report(.error, nil, "smooth: beta must be positive and finite; got \(beta)") }
            }
        }
        for start in parents.keys.sorted() {
            var seen = [start], current = start
            while let next = parents[current] {
                if next == start { report(.error, nil, "backoff cycle: " + (seen + [start]).joined(separator: " → ")); break }
                if seen.contains(next) { break }
                seen.append(next)
                current = next
            }
        }
        return found.filter { $0.severity == .error } + found.filter { $0.severity == .warning }
    }

    /// The cycles among groups (each reported once, from its least name), by depth-first search.
    static func groupCycles(_ groups: [String: [LabelPattern]]) -> [[String]] {
        var state = [String: Int](), cycles = [[String]](), stack = [String]()
        func visit(_ g: String) {
            state[g] = 1
            stack.append(g)
            for case .label(.named(let m)) in groups[g] ?? [] where groups[m] != nil {
                if state[m] == 1, let i = stack.firstIndex(of: m) {
                    let cycle = Array(stack[i...]), least = cycle.min()!, k = cycle.firstIndex(of: least)!
                    cycles.append(Array(cycle[k...] + cycle[..<k]))
                } else if state[m] == nil {
                    visit(m)
                }
            }
            stack.removeLast()
            state[g] = 2
        }
        for g in groups.keys.sorted() where state[g] == nil { visit(g) }
        return cycles
    }
}
