import GateLMSupport

/// The checker: what parses but cannot mean anything (unknown labels, group cycles, spans
/// beyond the window, sizes beyond the limits). No evaluation, and no range or array is built
/// from a number of the program before that number is found in its range: the checker runs on
/// whatever a file or an agent wrote, and must report, never trap.
extension SymbolicProgram {
    /// One finding of the checker.
    public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
        public enum Severity: String, Hashable, Sendable { case error, warning }
        public var severity: Severity
        /// Where the item it is about was defined, when known.
        public var location: SourceLocation?
        /// What is wrong (invisible characters escaped, so it stays on one line).
        public var message: String
        public var description: String { "\(location.map { "\($0): " } ?? "")\(severity.rawValue): \(message)" }
    }

    /// Every error and warning, errors first, each in text order.
    public func check(locations: Locations = [:]) -> [Diagnostic] {
        var found = [Diagnostic]()
        func report(_ severity: Diagnostic.Severity, _ name: String?, _ message: String) {
            found.append(Diagnostic(severity: severity, location: name.flatMap { locations[$0] }, message: UntrustedText.escaped(message)))
        }
        for problem in Limits.windowProblems(layers: layerCount, span: span) { report(.error, nil, problem.message) }
        // The bound of offsets, head spans and byte distances: the span, or (when the span is
        // itself out of range, an error above) the largest span allowed.
        let spanBound = Limits.span.contains(span) ? span : Limits.span.upperBound
        func within(_ value: Int, _ low: Int, _ high: Int) -> Bool { low <= value && value <= high }
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
            // The parser refuses an empty range; a program built in code may hold one.
            if case .byteRange(let a, let b) = p, a > b { report(.error, item, "\(item): the byte range \(p) is empty") }
        }
        // Groups: members known, no cycles.
        for case .statement(let d, _) in labels {
            switch d {
            case .group(let name, let members), .grouping(let name, let members):
                for m in members { checkPattern(m, in: name, written: everyWritten, prefixes: everyPrefix) }
            }
        }
        let cycles = Self.groupCycles(groups, limit: Limits.reportedGroupCycles)
        for cycle in cycles.cycles { report(.error, cycle[0], "group cycle: " + (cycle + [cycle[0]]).joined(separator: " → ")) }
        if cycles.more > 0 { report(.error, nil, "\(cycles.more) more group cycles") }

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
                    if !within(shift.offset, 1, spanBound) { report(.error, shift.name, "shift \(shift.name): offset must be in 1...\(spanBound) (the span); got \(shift.offset)") }
                    for p in shift.copy { checkPattern(p, in: shift.name, written: written, prefixes: writtenPrefixes) }
                case .head(let head):
                    heads += 1
                    if !within(head.span, 1, spanBound) { report(.error, head.name, "head \(head.name): span must be in 1...\(spanBound); got \(head.span)") }
                    if !(0...Limits.scoreCap).contains(head.threshold) { report(.error, head.name, "head \(head.name): thresh must be in 0...\(Limits.scoreCap) (scores saturate at \(Limits.scoreCap)); got \(head.threshold)") }
                    if !Limits.top.contains(head.top) { report(.error, head.name, "head \(head.name): top must be 1, 2 or 4; got \(head.top)") }
                    for r in head.masks + Array(head.bonuses.keys) {
                        if r.scale != "off" && !groupings.contains(r.scale) { report(.error, head.name, "head \(head.name): \(r.scale) is not a grouping (nor off)") }
                        let cap = r.scale == "off" ? spanBound : Limits.distanceCap
                        if !within(r.value, 0, cap) { report(.error, head.name, "head \(head.name): \(r) compares with a distance outside 0...\(cap)") }
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
                    // Summed only when every weight is in range (so the sum cannot overflow).
                    let weightsValid = rule.literals.allSatisfy { Limits.weight.contains($0.weight) }
                    let total = weightsValid ? rule.literals.reduce(0) { $0 + $1.weight } : 0
                    if weightsValid, case .need(let k) = rule.form, !within(k, 0, total) {
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
        for cycle in Self.backoffCycles(parents) { report(.error, nil, "backoff cycle: " + (cycle + [cycle[0]]).joined(separator: " → ")) }
        return found.filter { $0.severity == .error } + found.filter { $0.severity == .warning }
    }
}
