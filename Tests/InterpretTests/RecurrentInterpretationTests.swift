import Circuits
import Interpret
import LanguageModels
import Testing

/// The interpretability commands on a state machine: its unrolled window view, checked by brute
/// force over every context of two bytes, and its latch dependency graph.
@Suite struct RecurrentInterpretationTests {
    static let classes = Array("\n abcde".utf8)

    static func machine(seed: UInt64) -> DiscreteTernaryRNN {
        DiscreteTernaryRNN.random(seed: seed, stateBits: 12, codeBits: 5, classes: classes)
    }

    /// The unrolled circuit's scores are the machine's after reading the window from reset, on
    /// every one of the 65 536 two-byte contexts.
    @Test func unrolledViewScoresEveryContextAsTheMachine() throws {
        let machine = Self.machine(seed: 4)
        let model = try CircuitLanguageModel(machine.circuit(readout: ReadoutParameters(temperature: 1, epsilon: 0.01)))
        let view = try model.unrolled(horizon: 2)
        #expect(view.reading == .window(contextLength: 2) && view.readout == model.readout && view.classBytes == model.classBytes)
        #expect(view.nodeNames.literal(named: "h@-1[3]") != nil && view.nodeNames.literal(named: "h@-2[11]") != nil)
        let contexts = TestModels.allContexts(contextLength: 2)
        let scores = view.scores(contexts: contexts, count: 1 << 16)
        let kernel = machine.kernel
        var expected = [Int32](repeating: 0, count: machine.classCount)
        for index in 0..<(1 << 16) {
            var state = kernel.initialState
            kernel.step(&state, byte: contexts[2 * index])
            kernel.step(&state, byte: contexts[2 * index + 1])
            kernel.scores(state, into: &expected)
            #expect(Array(scores[index * machine.classCount ..< (index + 1) * machine.classCount]) == expected, "context \(index)")
        }
        #expect(try model.unrolled(horizon: 2).aig.inputCount == 16)
        #expect(throws: CircuitLanguageModel.InterfaceError.self) { try model.unrolled(horizon: 0) }
    }

    /// `explain` on the unrolled machine: the chosen bytes force the prediction over every
    /// completion, and each is needed.
    @Test(arguments: [UInt64(5), 6])
    func explanationIsSufficientAndMinimalByBruteForce(seed: UInt64) throws {
        let model = try CircuitLanguageModel(Self.machine(seed: seed).circuit(readout: ReadoutParameters(temperature: 1, epsilon: 0)))
            .unrolled(horizon: 2)
        let contexts = TestModels.allContexts(contextLength: 2)
        let tops = model.predictions(contexts: contexts, count: 1 << 16).map(\.topClass)
        for prompt in ["ab", "d", "e a"] {
            let bytes = Array(prompt.utf8)
            let e = try Explanation(model: model, prompt: bytes, granularity: .byte)
            #expect(e.minimal)
            let context = PromptContexts(prompt: bytes, contextLength: 2).context(at: bytes.count)
            let top = tops[Int(context[0]) << 8 | Int(context[1])]
            #expect(e.prediction == Int(model.classBytes[top]))
            // Positions: 1 is the most recent byte, the low 8 bits of the index.
            func agrees(_ index: Int, on positions: [Int]) -> Bool {
                positions.allSatisfy { p in (index >> (8 * (p - 1))) & 0xFF == Int(context[2 - p]) }
            }
            for index in 0..<(1 << 16) where agrees(index, on: e.positions) {
                #expect(tops[index] == top, "completion \(index) breaks the explanation of \"\(prompt)\"")
            }
            for dropped in e.positions {
                let rest = e.positions.filter { $0 != dropped }
                #expect((0..<(1 << 16)).contains { agrees($0, on: rest) && tops[$0] != top }, "ctx[-\(dropped)] is needed")
            }
        }
    }

    /// `query --node` on the unrolled machine's state bits agrees with brute force: is there a
    /// context with ctx[-2] = 'a' after which state bit i is v (and, with a second goal, 'b' is not the top)?
    @Test func queriesOnStateBitsAgreeWithBruteForce() throws {
        let model = try CircuitLanguageModel(Self.machine(seed: 7).circuit(readout: ReadoutParameters(temperature: 1, epsilon: 0)))
            .unrolled(horizon: 2)
        let contexts = TestModels.allContexts(contextLength: 2)
        let values = NodeValues(model, contexts: contexts, count: 1 << 16)
        let tops = model.predictions(contexts: contexts, count: 1 << 16).map(\.topClass)
        let constraint = try ContextConstraint.parse("ctx[-2]='a'", contextLength: 2)
        var answers = Set<Query.Result>()
        for bit in [0, 3, 7, 11] {
            for value in [false, true] {
                let name = "h@-1[\(bit)]"
                let literal = try #require(model.nodeNames.literal(named: name))
                for notTop in [false, true] {
                    let b = model.classIndex(of: UInt8(ascii: "b"))!
                    let expected = (0..<(1 << 16)).contains { i in
                        i >> 8 == Int(UInt8(ascii: "a")) && values.value(literal, pattern: i) == value && (!notTop || tops[i] != b)
                    }
                    let goals: [Query.Goal] = [.node(name, value)] + (notTop ? [.notTop(UInt8(ascii: "b"))] : [])
                    let query = try Query(model: model, constraints: constraint, goals: goals)
                    #expect(query.result == (expected ? .sat : .unsat), "\(name) = \(value), not top b: \(notTop)")
                    answers.insert(query.result)
                }
            }
        }
        #expect(answers == [.sat, .unsat], "both answers occur")
        #expect(throws: Query.QueryError.self) { try Query(model: model, constraints: [], goals: [.node("h@-9[0]", true)]) }
        #expect(try Query.Goal.parseNode("h@-1[3]=1") == .node("h@-1[3]", true))
        #expect(throws: ContextConstraint.ParseError.self) { try Query.Goal.parseNode("h@-1[3]") }
    }

    /// A hand-built machine: a and b feed each other, c reads a, d reads only the input.
    @Test func latchDependenciesFindTheSubMachines() {
        var builder = AIGBuilder()
        let x = builder.addInput(name: "x[0]")
        let a = builder.addLatch(name: "a"), b = builder.addLatch(name: "b")
        let c = builder.addLatch(name: "c"), d = builder.addLatch(name: "d")
        builder.setNext(of: a, to: builder.and(b, x))
        builder.setNext(of: b, to: !a)
        builder.setNext(of: c, to: builder.and(a, !c))
        builder.setNext(of: d, to: !x)
        builder.addOutput(builder.and(c, d))
        let graph = LatchDependencies(builder.build())
        #expect(graph.latchCount == 4 && graph.edges == 4 && graph.selfLoops == 1 && graph.inputOnlyLatches == 1)
        #expect(graph.components.map(\.latches) == [["a", "b"], ["c"], ["d"]])
        #expect(graph.components.map(\.cyclic) == [true, true, false])
        #expect(graph.components[1].reads == [0] && graph.components[0].reads.isEmpty)
        #expect(graph.components.map(\.readsInput) == [true, false, true])
    }
}
