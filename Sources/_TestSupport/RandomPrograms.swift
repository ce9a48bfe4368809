import Symbolic

/// Random valid programs over a small alphabet, exercising every mechanism (shifts, heads in
/// both modes with every top, self, masks and bonuses on groupings and offsets, weighted and
/// negated rule literals, vetoes, deletions, `@self` additions), and random texts for them
/// (including 0x00, which reads as padding): the inputs of the agreement tests.
public struct RandomPrograms {
    private var state: UInt64

    public init(seed: UInt64) { state = seed &* 0x9E3779B97F4A7C15 | 1 }

    public mutating func next(_ n: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(n))
    }

    public mutating func pick<T>(_ options: [T]) -> T { options[next(options.count)] }

    public static let alphabet = Array("ab c.".utf8)

    /// A text of `count` bytes from the alphabet, with an occasional 0x00.
    public mutating func text(count: Int) -> [UInt8] {
        (0..<count).map { _ in next(40) == 0 ? 0 : Self.alphabet[next(Self.alphabet.count)] }
    }

    /// A program of two layers and span `span` that the checker accepts.
    public mutating func program(span: Int = 4) -> SymbolicProgram {
        while true {
            if let p = try? SymbolicProgram(parsing: programText(span: span)), !p.check().contains(where: { $0.severity == .error }) { return p }
        }
    }

    public mutating func programText(span: Int) -> String {
        let bytes = ["b:'a'", "b:'b'", "b:'c'", "b:' '", "b:'.'"]
        var layer1Labels = bytes + ["letter", "space", "bos", "p1.b:'a'", "p1.letter", "p1.bos"]
        var lines = ["symtx 1", "window layers=2 span=\(span)", "", "labels",
                     "  group letter = b:'a'..b:'c'", "  group space = b:' ' | b:'.'", "  group boundary = space | bos",
                     "  grouping word by boundary", "  grouping dot by b:'.'", "", "layer 1"]
        lines.append("  shift p1 offset=1 copy=" + pick(["*", "letter,bos,b:*", "b:*,boundary"]))
        lines.append("  shift p2 offset=\(1 + next(span)) copy=" + pick(["letter", "b:'a',space", "*"]))
        layer1Labels += ["p2.letter", "p2.b:'a'", "p2.space"]
        lines.append("  head h0 span=\(1 + next(span)) thresh=\(next(3)) top=\(pick([1, 2, 4])) mode=\(pick(["recent", "best"]))"
                     + (next(2) == 0 ? " self=yes" : "") + " bonus {off=\(1 + next(2)): +\(1 + next(2)), word=0: +1} copy=letter,b:'.' as=h0")
        layer1Labels += ["h0.letter", "h0.b:'.'", "h0.none"]
        var written = [String]()
        for r in 0..<2 + next(4) {
            let out = pick(["x\(r)", "q.h1.b:'\(pick(["a", "b", "c"]))'", "q.h1.p1.@self", "q.h2.letter", "q.h2.x0", "y"])
            lines.append("  " + rule("r\(r)", from: layer1Labels, adds: out, removes: next(3) == 0 ? pick(["x0", "y", "b:'a'"]) : nil))
            if !out.contains("@self") { written.append(out) }
        }
        lines += ["", "layer 2"]
        let mode1 = pick(["recent", "best"]), mode2 = pick(["recent", "best"])
        lines.append("  head h1 span=\(1 + next(span)) thresh=\(next(2)) top=\(pick([1, 2, 4])) mode=\(mode1)"
                     + (next(2) == 0 ? " self=yes" : "") + (next(2) == 0 ? " where {dot=0}" : "")
                     + (next(2) == 0 ? " bonus {word<=\(next(3)): +\(1 + next(3))}" : "") + " copy=b:* as=h1")
        lines.append("  head h2 span=\(1 + next(span)) thresh=\(1 + next(2)) top=\(pick([1, 2])) mode=\(mode2)"
                     + (next(2) == 0 ? " where {off>=2}" : "") + " copy=letter,x0,bos as=h2")
        let layer2Labels = layer1Labels + written + ["h1.b:'a'", "h1.b:'c'", "h1.none", "h2.letter", "h2.none", "h2.bos"]
        for r in 0..<2 + next(4) {
            lines.append("  " + rule("s\(r)", from: layer2Labels, adds: pick(["z\(r)", "pz", "x0"]), removes: next(3) == 0 ? pick(["x0", "h1.b:'a'"]) : nil))
        }
        lines += ["", "unembed", "  order " + pick(["pz > h1.b:* > z0", "h1.b:* > x0 > h2.letter", "z1 > pz > p1.b:* > letter"]),
                  "  smooth dirichlet beta=\(pick(["0.5", "1.0", "4.0"]))"]
        return lines.joined(separator: "\n") + "\n"
    }

    private mutating func rule(_ name: String, from labels: [String], adds: String, removes: String?) -> String {
        let n = 1 + next(3)
        let literals = (0..<n).map { _ in (next(3) == 0 ? "!" : "") + (next(3) == 0 ? "\(2 + next(2))*" : "") + pick(labels) }
        let form = pick(["all", "any", "need \(next(4)) of"])
        let veto = next(3) == 0 ? " and not {\(pick(labels))}" : ""
        return "rule \(name) \(form) {\(literals.joined(separator: ", "))}\(veto) -> +\(adds)" + (removes.map { " -\($0)" } ?? "")
    }
}
