import Foundation
import Symbolic
import Testing

/// The reference interpreter on small programs and texts, primitive by primitive.
@Suite struct InterpreterTests {
    static func run(_ body: String, layers: Int = 1, span: Int = 8, on text: String) throws -> (SymbolicInterpreter, LabelTrace) {
        let program = try SymbolicProgram(parsing: "symtx 1\nwindow layers=\(layers) span=\(span)\n" + body)
        let interpreter = try SymbolicInterpreter(program)
        return (interpreter, interpreter.run(Array(text.utf8)))
    }

    /// The positions (0-based) at which `label` is stored after `layer`.
    static func positions(of label: Label, _ interpreter: SymbolicInterpreter, _ trace: LabelTrace, layer: Int = 1) -> [Int] {
        guard let number = interpreter.universe.number(of: label) else { return [] }
        return (0..<trace.count).filter { trace.labelNumbers(at: $0, afterLayer: layer).contains(number) }
    }

    @Test func aWordRecogniserFiresOnTheLastLetterOfTheWord() throws {
        let (i, t) = try Self.run("layer 1\n  shift p1 offset=1 copy=*\n  shift p2 offset=2 copy=*\n  rule w_the all {b:'e', p1.b:'h', p2.b:'t'} -> +w:the\nunembed\n  order w:the\n",
                                  on: "the then other the")
        #expect(Self.positions(of: .named("w:the"), i, t) == [2, 6, 12, 17])
        // Padding before the text: the shifts write p1.bos / p2.bos there.
        #expect(Self.positions(of: .named("p2.bos"), i, t) == [0, 1])
    }

    /// θ at 0, 1, n and n + 1, weights, negation and the veto.
    @Test func thresholdRulesCountWeightedLiterals() throws {
        let body = """
            labels
              group vowel = b:'a' | b:'e'
            layer 1
              shift p1 offset=1 copy=vowel
              rule zero need 0 of {b:'x'} -> +r0
              rule one need 1 of {vowel, p1.vowel} -> +r1
              rule both all {vowel, p1.vowel} -> +r2
              rule never need 3 of {vowel, p1.vowel} -> +r3
              rule weighted need 3 of {2*vowel, p1.vowel, !b:'e'} and not {b:'i'} -> +r4
            unembed
              order r1
            """
        let (i, t) = try Self.run(body, on: "aebai")
        #expect(Self.positions(of: .named("r0"), i, t) == [0, 1, 2, 3, 4])
        #expect(Self.positions(of: .named("r1"), i, t) == [0, 1, 2, 3, 4])   // i follows a vowel
        #expect(Self.positions(of: .named("r2"), i, t) == [1])
        #expect(Self.positions(of: .named("r3"), i, t) == [])
        // a (2 + 0 + 1 = 3), e after a (2 + 1 + 0 = 3), b after e (0 + 1 + 1 = 2), a after b (3), i vetoed.
        #expect(Self.positions(of: .named("r4"), i, t) == [0, 1, 3])
    }

    /// Deletion wins over addition in one layer; a label persists into the next layer unless deleted there.
    @Test func deletionWinsAndLabelsPersist() throws {
        let body = "layer 1\n  rule add any {b:'a'} -> +x\n  rule drop any {b:'a'} -> -x\n  rule keep any {b:'a'} -> +y\nlayer 2\n  rule later any {b:'b'} -> +z\nunembed\n  order y\n"
        let (i, t) = try Self.run(body, layers: 2, on: "ab")
        #expect(Self.positions(of: .named("x"), i, t, layer: 1) == [])
        #expect(Self.positions(of: .named("y"), i, t, layer: 1) == [0] && Self.positions(of: .named("y"), i, t, layer: 2) == [0])
        #expect(Self.positions(of: .named("z"), i, t, layer: 2) == [1])
    }

    /// An induction head: after "ab … a", it copies the byte that followed the last earlier 'a'.
    @Test func anInductionHeadCopiesWhatFollowedTheLastOccurrence() throws {
        let body = """
            layer 1
              shift p1 offset=1 copy=b:*
              rule q all {b:*} -> +q.ind.p1.@self
            layer 2
              head ind span=8 mode=recent copy=b:* as=ind
            unembed
              order ind.b:*
            """
        // `b:*` as a literal is not a label: use every byte through a group instead.
        let program = body.replacingOccurrences(of: "rule q all {b:*}", with: "rule q any {byte}")
        let (i, t) = try Self.run("labels\n  group byte = b:00..b:ff\n" + program, layers: 2, on: "abcxabyab")
        // Position 4 ('a'): the last j with p1 = 'a' is 1 ('b'), so ind.b:'b'.
        #expect(Self.positions(of: .named("ind.b:'b'"), i, t, layer: 2).contains(4))
        // Position 0 ('a'): nothing earlier, so ind.none.
        #expect(Self.positions(of: .named("ind.none"), i, t, layer: 2).first == 0)
        let winners = i.winners(t)
        let predictedAfterA = i.predictionLabels[Int(winners[5])]
        #expect(predictedAfterA == .named("ind.b:'b'"), "the byte after position 4 is predicted by ind.b:'b'")
    }

    /// `recent` takes the nearest candidates, `best` the highest scores with ties to the nearer; top k larger
    /// than the candidates takes them all; the span bounds the look-back.
    @Test func selectionModesAndSpans() throws {
        let body = """
            labels
              group vowel = b:'a' | b:'e' | b:'o'
            layer 1
              rule qv any {b:'?'} -> +q.r.vowel +q.b.vowel +q.b.b:'o' +q.s.vowel +q.k.vowel
            layer 2
              head r span=6 mode=recent top=1 copy=b:* as=r
              head b span=6 mode=best top=1 copy=b:* as=b
              head s span=2 mode=recent top=1 copy=b:* as=s
              head k span=6 mode=recent top=4 copy=b:* as=k
            unembed
              order r.b:*
            """
        let (i, t) = try Self.run(body, layers: 2, on: "oxaxe?")
        func copied(_ prefix: String) -> [String] {
            t.labelNumbers(at: 5, afterLayer: 2).map { i.universe.labels[$0].description }.filter { $0.hasPrefix(prefix + ".") }.sorted()
        }
        #expect(copied("r") == ["r.b:'e'"])
        #expect(copied("b") == ["b.b:'o'"])           // 'o' scores 2 (vowel and b:'o'), the rest 1
        #expect(copied("s") == ["s.b:'e'"])           // within 2 bytes: x (no match), then e
        #expect(copied("k") == ["k.b:'a'", "k.b:'e'", "k.b:'o'"])   // 3 candidates, top 4
    }

    /// Fitted rows are distributions with every byte possible, and bits/byte is finite.
    @Test func fittedRowsGiveFiniteBitsPerByte() throws {
        let body = "layer 1\n  shift p1 offset=1 copy=*\n  rule after_space any {p1.b:' '} -> +start\nunembed\n  order start\n  smooth dirichlet beta=2\n"
        let text = "the cat sat on the mat and the dog sat on the log"
        let (i, t) = try Self.run(body, on: text)
        let bytes = Array(text.utf8), winners = i.winners(t)
        let rows = try FittedRows(interpreter: i, winners: winners, text: bytes, fit: 0..<30)
        for row in rows.rows {
            #expect(row.allSatisfy { $0 > 0 })
            #expect(abs(row.reduce(0, +) - 1) < 1e-9)
        }
        let bpb = rows.bitsPerByte(winners: winners, text: bytes, positions: 30..<bytes.count)
        #expect(bpb.isFinite && bpb > 0 && rows.beta == 2)
    }
}
