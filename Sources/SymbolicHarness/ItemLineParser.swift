import Symbolic

/// Parses one item line of a patch with the program parser itself: the line is spliced,
/// unchanged, into a minimal program after the header of its section, so the parser's columns
/// are the patch's columns and only its line number needs mapping back.
enum ItemLineParser {
    /// The section an item line is parsed in.
    enum Section { case labels, layer, unembed }

    typealias Item = PatchItem

    static let preamble = ["symtx 1", "window layers=1 span=1"]

    /// The item of `line` (patch line number `lineNumber`) in `section`.
    static func item(_ line: Substring, lineNumber: Int, in section: Section) throws(PatchError) -> Item {
        let header: String
        switch section {
        case .labels: header = "labels"
        case .layer: header = "layer 1"
        case .unembed: header = "unembed"
        }
        let prefix = preamble + [header]
        let program: SymbolicProgram
        do {
            program = try SymbolicProgram(parsing: (prefix + [String(line)]).joined(separator: "\n"))
        } catch {
            throw PatchError(SourceLocation(line: lineNumber, column: error.location.column), error.message)
        }
        let found: [Item]
        switch section {
        case .labels: found = program.labels.map(Item.label)
        case .layer: found = (program.layers.first?.items ?? []).map(Item.layer)
        case .unembed: found = program.unembed.map(Item.unembed)
        }
        let column = (line.firstIndex { $0 != " " && $0 != "\t" }).map { line.distance(from: line.startIndex, to: $0) + 1 } ?? 1
        guard found.count == 1, program.layers.count <= (section == .layer ? 1 : 0), program.layerCount == 1,
              section == .unembed || program.unembed.isEmpty, section == .labels || program.labels.isEmpty else {
            throw PatchError(SourceLocation(line: lineNumber, column: column), "expected one \(section.noun) line, found '\(line.trimmingCharacters(in: " \t"))'")
        }
        return found[0]
    }

    /// The `window layers=L span=S` line of `set window`, each field in the range the checker
    /// allows (`SymbolicProgram.Limits.windowProblems`), else an error at the field.
    static func window(_ line: Substring, lineNumber: Int, columnOffset: Int) throws(PatchError) -> (layers: Int, span: Int) {
        let program: SymbolicProgram
        do {
            program = try SymbolicProgram(parsing: preamble[0] + "\n" + line)
        } catch {
            throw PatchError(SourceLocation(line: lineNumber, column: error.location.column + columnOffset), error.message)
        }
        if let problem = SymbolicProgram.Limits.windowProblems(layers: program.layerCount, span: program.span).first {
            let column = line.firstRange(of: problem.field + "=").map { line.distance(from: line.startIndex, to: $0.lowerBound) + 1 } ?? 1
            throw PatchError(SourceLocation(line: lineNumber, column: column + columnOffset), problem.message)
        }
        return (program.layerCount, program.span)
    }
}

extension ItemLineParser.Section {
    var noun: String {
        switch self {
        case .labels: return "labels item (group or grouping)"
        case .layer: return "layer item (shift, head or rule)"
        case .unembed: return "unembed item (order, backoff or smooth)"
        }
    }
}


/// One item line of a patch, parsed: a statement of its section or a comment line.
public enum PatchItem: Hashable, Sendable {
    case label(SymbolicProgram.Item<SymbolicProgram.LabelDefinition>)
    case layer(SymbolicProgram.Item<SymbolicProgram.LayerStatement>)
    case unembed(SymbolicProgram.Item<SymbolicProgram.UnembedStatement>)

    /// The name of the item, when it is a named statement.
    public var name: String? {
        switch self {
        case .label(let i): return i.statement?.name
        case .layer(let i): return i.statement?.name
        case .unembed: return nil
        }
    }
}
