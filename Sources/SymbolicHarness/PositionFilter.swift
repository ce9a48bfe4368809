import Symbolic

/// The condition of `find_positions`: terms joined by `&&`, each one of
///
///     has(LABEL)   !has(LABEL)            the label (or group) holds where the byte is predicted from
///     winner==PATTERN   winner!=PATTERN   the winner (`unigram`, a prediction label; `ind.b:*` …)
///     target==PATTERN   target!=PATTERN   the predicted byte (`b:'s'`, `b:'a'..b:'z'`, `b:*`)
///
/// Patterns are read by the program parser (as an `order` entry).
struct PositionFilter {
    enum Term {
        case has(String, negated: Bool)
        case winner(LabelPattern, negated: Bool)
        case target(LabelPattern, negated: Bool)
    }

    let terms: [Term]

    init(parsing text: String) throws {
        var terms = [Term]()
        for raw in text.components(separatedBy: "&&") {
            let term = raw.trimmingCharacters(in: " \t\n")
            func fail(_ why: String) -> WorkbenchError {
                WorkbenchError("where: '\(term)': \(why) (terms: has(LABEL), !has(LABEL), winner==P, winner!=P, target==P, target!=P, joined by &&)")
            }
            if term.hasPrefix("has(") || term.hasPrefix("!has(") {
                let negated = term.hasPrefix("!")
                guard term.hasSuffix(")") else { throw fail("expected ')'") }
                let name = term.dropFirst(negated ? 5 : 4).dropLast().trimmingCharacters(in: " ")
                guard !name.isEmpty else { throw fail("has() needs a label") }
                terms.append(.has(name, negated: negated))
            } else if let key = ["winner", "target"].first(where: { term.hasPrefix($0) }) {
                let rest = term.dropFirst(key.count).trimmingCharacters(in: " ")
                guard rest.hasPrefix("==") || rest.hasPrefix("!=") else { throw fail("expected == or != after \(key)") }
                let pattern = try Self.pattern(rest.dropFirst(2).trimmingCharacters(in: " "), fail: fail)
                terms.append(key == "winner" ? .winner(pattern, negated: rest.hasPrefix("!=")) : .target(pattern, negated: rest.hasPrefix("!=")))
            } else {
                throw fail(term.isEmpty ? "an empty term" : "unknown term")
            }
        }
        self.terms = terms
    }

    static func pattern(_ text: String, fail: (String) -> WorkbenchError) throws -> LabelPattern {
        do {
            let program = try SymbolicProgram(parsing: "symtx 1\nwindow layers=1 span=1\nunembed\n  order " + text)
            guard case .order(let patterns)? = program.unembed.first?.statement, patterns.count == 1 else { throw fail("expected one label pattern") }
            return patterns[0]
        } catch let error as ProgramSyntaxError {
            throw fail("not a label pattern: \(error.message)")
        }
    }

    /// One label (or group) named by `name`.
    static func label(_ name: String) throws -> Label {
        guard case .label(let l) = try pattern(name, fail: { WorkbenchError("\(name): \($0)") }) else { throw WorkbenchError("\(name) names many labels, not one") }
        return l
    }

    /// Whether a label's text matches a pattern.
    static func matches(_ pattern: LabelPattern, _ name: String) -> Bool {
        switch pattern {
        case .all: return true
        case .label(let l): return l.description == name
        case .prefix(let p): return name.hasPrefix(p)
        case .byteRange(let a, let b): return (a...b).contains { Label.byte($0).description == name }
        }
    }
}

