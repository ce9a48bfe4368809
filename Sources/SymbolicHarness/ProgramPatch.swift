import Symbolic

/// An edit of a program, item by item, in a small line-based language over item names:
///
///     # a comment
///     add labels [before NAME | after NAME]      then indented labels items (group, grouping)
///     add layer N [before NAME | after NAME]     then indented layer items (shift, head, rule);
///                                                N = L + 1 appends a layer and widens the window
///     add unembed                                then indented unembed items (order, backoff, smooth)
///     replace NAME                               then one indented item of NAME's section
///     delete NAME
///     set unembed                                then the indented items of the whole new section
///     set window layers=L span=S
///
/// Lines end as in a program (LF, CRLF or CR; a leading byte-order mark is skipped).
/// A command starts in column 1; its items are the indented lines after it (blank lines are
/// skipped; an indented `# …` line is added as a comment item). Every item line is parsed by
/// the program parser itself, so a patch's errors are the parser's, at the patch's line and
/// column. Commands apply in order, each to the result of the ones before; names are looked
/// up in that result. Example:
///
///     add layer 2 after det_rule
///       rule x all {a} -> +b
///     replace w_the
///       rule w_the all {b:'e', p1.b:'h', p2.b:'t'} -> +w:the
///     delete qind
public struct ProgramPatch: Hashable, Sendable {
    /// Where an `add` puts its items in the section: at the end, or beside a named item.
    public enum Anchor: Hashable, Sendable {
        case end
        case before(String)
        case after(String)
    }

    /// The section an `add` writes into.
    public enum Target: Hashable, Sendable, CustomStringConvertible {
        case labels
        case layer(Int)
        case unembed

        public var description: String {
            switch self {
            case .labels: return "labels"
            case .layer(let n): return "layer \(n)"
            case .unembed: return "unembed"
            }
        }
    }

    /// One command of a patch.
    public enum Command: Hashable, Sendable {
        case add(Target, Anchor, [PatchItem])
        case replace(String, PatchItem)
        case delete(String)
        case setUnembed([SymbolicProgram.Item<SymbolicProgram.UnembedStatement>])
        case setWindow(layers: Int, span: Int)
    }

    /// A command and the patch location of its command line.
    public struct Step: Hashable, Sendable {
        public var location: SourceLocation
        public var command: Command
    }

    /// The commands, in order.
    public var steps: [Step]

    /// Parses a patch; the first error is thrown at its patch line and column.
    public init(parsing text: String) throws(PatchError) {
        var steps = [Step]()
        let lines = SourceText.lines(text)
        var n = 0
        while n < lines.count {
            let line = lines[n], number = n + 1
            n += 1
            let code = Self.withoutComment(line)
            if code.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            guard line.first != " " && line.first != "\t" else {
                throw PatchError(SourceLocation(line: number, column: 1), "an indented line must follow a command that takes items (add, replace, set unembed)")
            }
            // The indented item lines that follow, with their patch line numbers.
            var body = [(Substring, Int)]()
            while n < lines.count, lines[n].first == " " || lines[n].first == "\t" || lines[n].allSatisfy({ $0 == " " || $0 == "\t" }) {
                if !lines[n].allSatisfy({ $0 == " " || $0 == "\t" }) { body.append((lines[n], n + 1)) }
                n += 1
            }
            var words = code.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            let location = SourceLocation(line: number, column: 1)
            func column(ofWord k: Int) -> SourceLocation {
                var seen = 0, index = line.startIndex, inWord = false
                while index < line.endIndex {
                    let blank = line[index] == " " || line[index] == "\t"
                    if !blank && !inWord { if seen == k { return SourceLocation(line: number, column: line.distance(from: line.startIndex, to: index) + 1) }; seen += 1 }
                    inWord = !blank
                    index = line.index(after: index)
                }
                return SourceLocation(line: number, column: line.count + 1)
            }
            func fail(_ k: Int, _ message: String) -> PatchError { PatchError(column(ofWord: k), message) }
            func noBody(_ what: String) throws(PatchError) {
                if let first = body.first { throw PatchError(SourceLocation(line: first.1, column: 1), "\(what) takes no indented lines") }
            }
            func items(_ section: ItemLineParser.Section) throws(PatchError) -> [PatchItem] {
                var out = [PatchItem]()
                for (l, k) in body { out.append(try ItemLineParser.item(l, lineNumber: k, in: section)) }
                return out
            }
            let verb = words.removeFirst()
            switch verb {
            case "add":
                guard let what = words.first else { throw fail(1, "add needs a section: add labels, add layer N or add unembed") }
                var k = 1
                let target: Target, section: ItemLineParser.Section
                switch what {
                case "labels": target = .labels; section = .labels
                case "unembed": target = .unembed; section = .unembed
                case "layer":
                    guard words.count > 1, let number = Int(words[1]) else { throw fail(2, "add layer needs the layer number (add layer N)") }
                    guard number >= 1 else { throw fail(2, "the layer number must be ≥ 1; got \(number)") }
                    target = .layer(number); section = .layer; k = 2
                default: throw fail(1, "add into labels, layer N or unembed; got '\(what)'")
                }
                var anchor = Anchor.end
                if words.count > k {
                    guard words.count == k + 2, words[k] == "before" || words[k] == "after" else {
                        throw fail(k + 1, "expected 'before NAME' or 'after NAME' or the end of the line after add \(target)")
                    }
                    guard target != .unembed else { throw fail(k + 1, "unembed items have no names: add unembed appends") }
                    anchor = words[k] == "before" ? .before(words[k + 1]) : .after(words[k + 1])
                }
                guard !body.isEmpty else { throw PatchError(location, "add \(target) needs indented item lines after it") }
                steps.append(Step(location: location, command: .add(target, anchor, try items(section))))
            case "replace":
                guard words.count == 1 else { throw fail(words.isEmpty ? 1 : 2, "replace takes one item name (replace NAME)") }
                guard body.count == 1 else { throw PatchError(location, "replace \(words[0]) needs exactly one indented item line; it has \(body.count)") }
                let (l, k) = body[0]
                let keyword = l.split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? ""
                let section: ItemLineParser.Section = keyword == "group" || keyword == "grouping" ? .labels : .layer
                steps.append(Step(location: location, command: .replace(words[0], try ItemLineParser.item(l, lineNumber: k, in: section))))
            case "delete":
                guard words.count == 1 else { throw fail(words.isEmpty ? 1 : 2, "delete takes one item name (delete NAME)") }
                try noBody("delete")
                steps.append(Step(location: location, command: .delete(words[0])))
            case "set":
                if words.first == "unembed" && words.count == 1 {
                    guard !body.isEmpty else { throw PatchError(location, "set unembed needs the indented items of the new section") }
                    let parsed = try items(.unembed).compactMap { item -> SymbolicProgram.Item<SymbolicProgram.UnembedStatement>? in
                        if case .unembed(let u) = item { u } else { nil }
                    }
                    steps.append(Step(location: location, command: .setUnembed(parsed)))
                } else if words.first == "window" {
                    try noBody("set window")
                    let start = column(ofWord: 1)
                    let window = try ItemLineParser.window(line[line.index(line.startIndex, offsetBy: start.column - 1)...], lineNumber: number, columnOffset: start.column - 1)
                    steps.append(Step(location: location, command: .setWindow(layers: window.layers, span: window.span)))
                } else {
                    throw fail(1, "set unembed or set window layers=L span=S")
                }
            default:
                throw fail(0, "expected a command (add, replace, delete, set); got '\(verb)'")
            }
        }
        guard !steps.isEmpty else { throw PatchError(SourceLocation(line: max(lines.count, 1), column: 1), "the patch has no commands") }
        self.steps = steps
    }

    /// A command line without its `# …` comment.
    static func withoutComment(_ line: Substring) -> Substring {
        guard let hash = line.firstIndex(of: "#") else { return line }
        return line[..<hash]
    }
}
