import Symbolic

extension ProgramPatch {
    /// The program with every command applied in order. Throws at the first command that does
    /// not apply (an unknown name, a name defined twice, an item of the wrong section …), at its
    /// patch location. The result is not checked (`SymbolicProgram.check()`): that is the caller's.
    public func apply(to program: SymbolicProgram) throws(PatchError) -> SymbolicProgram {
        var result = program
        for step in steps { try Self.apply(step.command, to: &result, at: step.location) }
        // Every name is unique (the parser's rule), so the result's text must parse back to it.
        do {
            let reparsed = try SymbolicProgram(parsing: result.text)
            guard reparsed == result else { throw PatchError(nil, "the patched program does not print and parse back to itself") }
        } catch let error as ProgramSyntaxError {
            throw PatchError(nil, "the patched program does not parse: \(error)")
        } catch {
            throw error as! PatchError
        }
        return result
    }

    /// Where a named item sits.
    enum Place: Equatable {
        case labels(Int)
        case layer(Int, Int)   // layer index (0-based), item index
    }

    static func place(of name: String, in program: SymbolicProgram) -> Place? {
        if let i = program.labels.firstIndex(where: { $0.statement?.name == name }) { return .labels(i) }
        for (l, layer) in program.layers.enumerated() {
            if let i = layer.items.firstIndex(where: { $0.statement?.name == name }) { return .layer(l, i) }
        }
        return nil
    }

    static func describe(_ place: Place) -> String {
        switch place {
        case .labels: return "in the labels section"
        case .layer(let l, _): return "in layer \(l + 1)"
        }
    }

    static func apply(_ command: Command, to program: inout SymbolicProgram, at location: SourceLocation) throws(PatchError) {
        func fail(_ message: String) -> PatchError { PatchError(location, message) }
        /// The new items' names must be new (or the one being replaced).
        func checkNames(_ items: [PatchItem], replacing: String? = nil) throws(PatchError) {
            var seen = Set<String>()
            for name in items.compactMap(\.name) {
                if name != replacing, let existing = place(of: name, in: program) { throw fail("\(name) is already defined \(describe(existing))") }
                guard seen.insert(name).inserted else { throw fail("\(name) is defined twice in this command") }
            }
        }
        /// The insertion index for an anchor among `names` (the section's item names, nil for comments).
        func index(_ anchor: Anchor, among names: [String?], section: Target) throws(PatchError) -> Int {
            switch anchor {
            case .end: return names.count
            case .before(let name), .after(let name):
                guard let i = names.firstIndex(of: name) else {
                    let elsewhere = place(of: name, in: program).map { ": it is \(describe($0))" } ?? ""
                    throw fail("\(name) is not an item of \(section)\(elsewhere)")
                }
                if case .after = anchor { return i + 1 }
                return i
            }
        }
        switch command {
        case .add(let target, let anchor, let items):
            try checkNames(items)
            switch target {
            case .labels:
                let new = items.compactMap { if case .label(let i) = $0 { i } else { nil } }
                program.labels.insert(contentsOf: new, at: try index(anchor, among: program.labels.map { $0.statement?.name }, section: target))
            case .layer(let n):
                guard n <= program.layers.count + 1 else {
                    throw fail("layer \(n) does not exist: the program has \(program.layers.count) layers (add layer \(program.layers.count + 1) appends one)")
                }
                if n == program.layers.count + 1 {
                    program.layers.append(SymbolicProgram.Layer(number: n))
                    program.layerCount = max(program.layerCount, n)
                }
                let new = items.compactMap { if case .layer(let i) = $0 { i } else { nil } }
                let at = try index(anchor, among: program.layers[n - 1].items.map { $0.statement?.name }, section: target)
                program.layers[n - 1].items.insert(contentsOf: new, at: at)
            case .unembed:
                program.unembed += items.compactMap { if case .unembed(let i) = $0 { i } else { nil } }
            }
        case .replace(let name, let item):
            guard let place = place(of: name, in: program) else { throw fail("there is no item named \(name)") }
            try checkNames([item], replacing: name)
            switch (place, item) {
            case (.labels(let i), .label(let new)): program.labels[i] = keepingComment(program.labels[i], new)
            case (.layer(let l, let i), .layer(let new)): program.layers[l].items[i] = keepingComment(program.layers[l].items[i], new)
            case (.labels, _): throw fail("\(name) is a labels item (group or grouping); the replacement is a layer item")
            default: throw fail("\(name) is a layer item (shift, head or rule); the replacement is a labels item")
            }
        case .delete(let name):
            guard let place = place(of: name, in: program) else { throw fail("there is no item named \(name)") }
            switch place {
            case .labels(let i): program.labels.remove(at: i)
            case .layer(let l, let i): program.layers[l].items.remove(at: i)
            }
        case .setUnembed(let items):
            program.unembed = items
        case .setWindow(let layers, let span):
            // The parser refuses these already; a command built in code must not build 10^9 layers either.
            if let problem = SymbolicProgram.Limits.windowProblems(layers: layers, span: span).first { throw fail(problem.message) }
            let used = (program.layers.lastIndex { !$0.items.isEmpty }).map { $0 + 1 } ?? 0
            guard layers >= used else { throw fail("layer \(used) still has items: delete them before setting layers=\(layers)") }
            while program.layers.count > layers { program.layers.removeLast() }
            while program.layers.count < layers { program.layers.append(SymbolicProgram.Layer(number: program.layers.count + 1)) }
            program.layerCount = layers
            program.span = span
        }
    }

    /// A replacement keeps the replaced line's trailing comment unless it brings its own.
    static func keepingComment<S>(_ old: SymbolicProgram.Item<S>, _ new: SymbolicProgram.Item<S>) -> SymbolicProgram.Item<S> {
        if case .statement(let s, nil) = new, case .statement(_, let comment?) = old { return .statement(s, comment: comment) }
        return new
    }
}
