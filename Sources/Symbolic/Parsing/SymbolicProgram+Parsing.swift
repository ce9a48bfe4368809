/// Parsing the text format (`.symtx`), one line at a time. The grammar, in the README:
///
///     symtx 1
///     window layers=L span=S
///     labels
///       group NAME = PATTERN | PATTERN …
///       grouping NAME by PATTERN | PATTERN …
///     layer N
///       shift NAME offset=K copy=PATTERN,…
///       head NAME [query=PREFIX] span=K [thresh=T] [top=K] [mode=recent|best] [self=yes|no]
///            [where {RELATION, …}] [bonus {RELATION: +W, …}] copy=PATTERN,… as=PREFIX
///       rule NAME (all|any|need K of) {[!]LABEL[*W], …} [and not {LABEL, …}] -> +LABEL -LABEL …
///     unembed
///       order PATTERN > PATTERN > …
///       backoff PATTERN -> PATTERN
///       smooth dirichlet beta=X
///
/// `#` starts a comment (kept with its line). LF, CRLF and a lone CR end a line, and a leading
/// byte-order mark is skipped (`SourceText.lines`). The first error is thrown with its line and column.
extension SymbolicProgram {
    /// Where each named item was defined, for the checker's messages.
    public typealias Locations = [String: SourceLocation]

    public init(parsing text: String) throws(ProgramSyntaxError) {
        self = try Self.parse(text).program
    }

    /// The program and the location of every named item.
    public static func parse(_ text: String) throws(ProgramSyntaxError) -> (program: SymbolicProgram, locations: Locations) {
        var parser = ProgramParser()
        for (n, rawLine) in SourceText.lines(text).enumerated() {
            try parser.read(rawLine, line: n + 1)
        }
        return (try parser.finish(), parser.locations)
    }
}

struct ProgramParser {
    enum Section { case preamble, labels, layer, unembed }
    var section = Section.preamble
    var formatVersion: Int?
    var window: (layers: Int, span: Int)?
    var labels = [SymbolicProgram.Item<SymbolicProgram.LabelDefinition>]()
    var layers = [SymbolicProgram.Layer]()
    var unembed = [SymbolicProgram.Item<SymbolicProgram.UnembedStatement>]()
    var locations = SymbolicProgram.Locations()
    var lastLine = 0

    /// The line without its comment, and the comment's text (after `# `).
    static func splitComment(_ line: Substring) -> (code: Substring, comment: String?) {
        let c = Array(line)
        var i = 0
        while i < c.count {
            if c[i] == "'", i >= 2, c[i - 2] == "b", c[i - 1] == ":" { i += 3; continue }
            if c[i] == "#" {
                let comment = String(c[(i + 1)...]).drop { $0 == " " }
                return (line[line.startIndex ..< line.index(line.startIndex, offsetBy: i)], String(comment))
            }
            i += 1
        }
        return (line, nil)
    }

    mutating func read(_ raw: Substring, line: Int) throws(ProgramSyntaxError) {
        lastLine = line
        let (code, comment) = Self.splitComment(raw)
        var s = LineScanner(code, line: line)
        if s.isAtEnd {
            guard let comment else { return }
            switch section {
            case .preamble: return
            case .labels: labels.append(.comment(comment))
            case .layer: layers[layers.count - 1].items.append(.comment(comment))
            case .unembed: unembed.append(.comment(comment))
            }
            return
        }
        if formatVersion == nil {
            try s.expect("symtx", "the header 'symtx 1'")
            let version = try s.integer("the format version")
            guard version == 1 else { throw ProgramSyntaxError(SourceLocation(line: line, column: 7), "format version \(version) is not supported (this reader knows 1)") }
            formatVersion = version
            return try s.end()
        }
        if window == nil {
            try s.expect("window", "'window layers=L span=S'")
            try s.expect("layers="); let l = try s.integer("the number of layers")
            try s.expect("span="); let span = try s.integer("the span")
            window = (l, span)
            return try s.end()
        }
        let start = s.peekLocation
        if s.accept("labels") {
            guard section == .preamble else { throw ProgramSyntaxError(start, "the labels section comes once, before the layers") }
            section = .labels
            return try s.end()
        }
        if s.accept("layer") {
            guard section != .unembed else { throw ProgramSyntaxError(start, "layers come before the unembed section") }
            let number = try s.integer("the layer number")
            guard number == layers.count + 1 else { throw ProgramSyntaxError(start, "expected layer \(layers.count + 1), found layer \(number)") }
            layers.append(SymbolicProgram.Layer(number: number))
            section = .layer
            return try s.end()
        }
        if s.accept("unembed") {
            guard section != .unembed else { throw ProgramSyntaxError(start, "the unembed section comes once") }
            section = .unembed
            return try s.end()
        }
        switch section {
        case .preamble:
            throw ProgramSyntaxError(start, "expected a section (labels, layer N, unembed)\(s.foundText)")
        case .labels:
            let definition = try Self.labelDefinition(&s)
            try define(definition.name, at: start)
            labels.append(.statement(definition, comment: comment))
        case .layer:
            let statement = try Self.layerStatement(&s)
            try define(statement.name, at: start)
            layers[layers.count - 1].items.append(.statement(statement, comment: comment))
        case .unembed:
            unembed.append(.statement(try Self.unembedStatement(&s), comment: comment))
        }
        try s.end()
    }

    mutating func define(_ name: String, at location: SourceLocation) throws(ProgramSyntaxError) {
        if let first = locations[name] { throw ProgramSyntaxError(location, "\(name) is already defined at \(first)") }
        locations[name] = location
    }

    func finish() throws(ProgramSyntaxError) -> SymbolicProgram {
        let end = SourceLocation(line: max(lastLine, 1), column: 1)
        guard formatVersion != nil else { throw ProgramSyntaxError(end, "empty program: expected the header 'symtx 1'") }
        guard let window else { throw ProgramSyntaxError(end, "expected 'window layers=L span=S' after the header") }
        return SymbolicProgram(layerCount: window.layers, span: window.span, labels: labels, layers: layers, unembed: unembed)
    }

    // MARK: Statements

    static func labelDefinition(_ s: inout LineScanner) throws(ProgramSyntaxError) -> SymbolicProgram.LabelDefinition {
        if s.accept("grouping") {
            let name = try s.name("a grouping name")
            try s.expect("by")
            return .grouping(name: name, boundary: try alternatives(&s))
        }
        try s.expect("group", "'group' or 'grouping'")
        let name = try s.name("a group name")
        try s.expect("=")
        return .group(name: name, members: try alternatives(&s))
    }

    static func alternatives(_ s: inout LineScanner) throws(ProgramSyntaxError) -> [LabelPattern] {
        var patterns = [try s.pattern()]
        while s.accept("|") { patterns.append(try s.pattern()) }
        return patterns
    }

    static func patternList(_ s: inout LineScanner) throws(ProgramSyntaxError) -> [LabelPattern] {
        var patterns = [try s.pattern()]
        while s.accept(",") { patterns.append(try s.pattern()) }
        return patterns
    }

    static func layerStatement(_ s: inout LineScanner) throws(ProgramSyntaxError) -> SymbolicProgram.LayerStatement {
        if s.accept("shift") {
            let name = try s.name("a shift name")
            try s.expect("offset="); let offset = try s.integer("the offset")
            try s.expect("copy=")
            return .shift(.init(name: name, offset: offset, copy: try patternList(&s)))
        }
        if s.accept("head") { return .head(try head(&s)) }
        try s.expect("rule", "'shift', 'head' or 'rule'")
        return .rule(try rule(&s))
    }

    static func head(_ s: inout LineScanner) throws(ProgramSyntaxError) -> SymbolicProgram.Head {
        let name = try s.name("a head name")
        var query: String?, span: Int?, threshold = 1, top = 1, mode = SymbolicProgram.Head.Mode.recent, includesSelf = false
        var bonuses = [SymbolicProgram.Relation: Int](), masks = [SymbolicProgram.Relation](), copy: [LabelPattern]?, output: String?
        while !s.isAtEnd {
            let at = s.peekLocation
            if s.accept("query=") { query = try s.name("a query prefix") }
            else if s.accept("span=") { span = try s.integer("the head's span") }
            else if s.accept("thresh=") { threshold = try s.integer("the threshold") }
            else if s.accept("top=") { top = try s.integer("top") }
            else if s.accept("mode=") {
                let m = try s.name("recent or best")
                guard let parsed = SymbolicProgram.Head.Mode(rawValue: m) else { throw ProgramSyntaxError(at, "mode must be recent or best; got \(m)") }
                mode = parsed
            } else if s.accept("self=") {
                let v = try s.name("yes or no")
                guard v == "yes" || v == "no" else { throw ProgramSyntaxError(at, "self must be yes or no; got \(v)") }
                includesSelf = v == "yes"
            } else if s.accept("where") {
                try s.expect("{")
                repeat { masks.append(try relation(&s)) } while s.accept(",")
                try s.expect("}")
            } else if s.accept("bonus") {
                try s.expect("{")
                repeat {
                    let r = try relation(&s)
                    try s.expect(":")
                    try s.expect("+", "'+' and the bonus")
                    let w = try s.integer("the bonus")
                    if bonuses[r] != nil { throw ProgramSyntaxError(at, "the bonus for \(r) is given twice") }
                    bonuses[r] = w
                } while s.accept(",")
                try s.expect("}")
            } else if s.accept("copy=") { copy = try patternList(&s) }
            else if s.accept("as=") { output = try s.name("an output prefix") }
            else { throw ProgramSyntaxError(at, "expected a head field (query=, span=, thresh=, top=, mode=, self=, where, bonus, copy=, as=)\(s.foundText)") }
        }
        let end = s.peekLocation
        guard let span else { throw ProgramSyntaxError(end, "head \(name) needs span=") }
        guard let copy else { throw ProgramSyntaxError(end, "head \(name) needs copy=") }
        guard let output else { throw ProgramSyntaxError(end, "head \(name) needs as=") }
        return .init(name: name, query: query, span: span, threshold: threshold, top: top, mode: mode, includesSelf: includesSelf,
                     bonuses: bonuses, masks: masks, copy: copy, output: output)
    }

    /// `word<=1`, `sentence=0`, `off>=3`.
    static func relation(_ s: inout LineScanner) throws(ProgramSyntaxError) -> SymbolicProgram.Relation {
        let scale = try s.name("a grouping name or off")
        let comparison: SymbolicProgram.Relation.Comparison
        if s.accept("<=") { comparison = .lessOrEqual } else if s.accept(">=") { comparison = .greaterOrEqual } else {
            try s.expect("=", "'<=', '=' or '>='")
            comparison = .equal
        }
        return .init(scale: scale, comparison, try s.integer("a distance"))
    }

    static func rule(_ s: inout LineScanner) throws(ProgramSyntaxError) -> SymbolicProgram.Rule {
        let name = try s.name("a rule name")
        let form: SymbolicProgram.Rule.Form
        if s.accept("all") { form = .all } else if s.accept("any") { form = .any } else {
            try s.expect("need", "'all', 'any' or 'need K of'")
            let k = try s.integer("the number needed")
            try s.expect("of")
            form = .need(k)
        }
        try s.expect("{")
        var literals = [SymbolicProgram.Rule.Literal]()
        repeat {
            let negated = s.accept("!")
            var weight = 1
            var copy = s
            if let w = copy.word(), let value = Int(w), copy.accept("*") {
                weight = value
                s = copy
            }
            literals.append(.init(try s.label(), negated: negated, weight: weight))
        } while s.accept(",")
        try s.expect("}")
        var veto = [Label]()
        if s.accept("and") {
            try s.expect("not")
            try s.expect("{")
            repeat { veto.append(try s.label()) } while s.accept(",")
            try s.expect("}")
        }
        try s.expect("->")
        var adds = [Label](), removes = [Label]()
        repeat {
            if s.accept("+") { adds.append(try s.label()) } else {
                try s.expect("-", "'+LABEL' or '-LABEL'")
                removes.append(try s.label())
            }
        } while !s.isAtEnd
        return .init(name: name, form: form, literals: literals, veto: veto, adds: adds, removes: removes)
    }

    static func unembedStatement(_ s: inout LineScanner) throws(ProgramSyntaxError) -> SymbolicProgram.UnembedStatement {
        if s.accept("order") {
            var order = [try s.pattern()]
            while s.accept(">") { order.append(try s.pattern()) }
            return .order(order)
        }
        if s.accept("backoff") {
            let label = try s.pattern()
            try s.expect("->")
            return .backoff(label: label, parent: try s.pattern())
        }
        try s.expect("smooth", "'order', 'backoff' or 'smooth'")
        try s.expect("dirichlet")
        try s.expect("beta=")
        return .smooth(beta: try s.real("beta"))
    }
}

extension LineScanner {
    /// Nothing but spaces may follow.
    mutating func end() throws(ProgramSyntaxError) {
        guard isAtEnd else {
            skipSpaces()
            throw error("unexpected text\(foundText)")
        }
    }
}
