import Symbolic

/// The only place that runs a program over text. Scoring goes through `winners` (the fast plane
/// interpreter), and so does `holds` (one label over many positions); `labelTrace` is for
/// inspection of every label at a few positions (trace, co-occurrences) and stays on the
/// reference interpreter, which keeps every layer's labels.
enum ProgramEvaluation {
    /// Why a program cannot be evaluated.
    struct Failure: Error, CustomStringConvertible, Sendable {
        var description: String
    }

    /// The interpreter of a program that passes the checker.
    static func interpreter(_ program: SymbolicProgram) throws(Failure) -> SymbolicInterpreter {
        do { return try SymbolicInterpreter(program) } catch {
            throw Failure(description: "the program does not pass the checker:\n" + error.description)
        }
    }

    /// The winner of the prediction of every byte of `text`: the fast plane interpreter, equal to
    /// the reference's `winners(run(text))`.
    static func winners(of interpreter: SymbolicInterpreter, text: [UInt8]) -> [Int32] {
        interpreter.winners(predicting: 0..<text.count, in: text)
    }

    /// The winners of the targets in `runs`, placed at their positions of an array of `count`
    /// (0 elsewhere): the sampled splits, evaluated together in one pass.
    static func winners(of interpreter: SymbolicInterpreter, runs: [Range<Int>], text: [UInt8], count: Int, cache: inout LayerCache) -> [Int32] {
        var out = [Int32](repeating: 0, count: count)
        var k = 0
        let found = interpreter.winners(predictingRuns: runs, in: text, cache: &cache)
        for run in runs { for t in run { out[t] = found[k]; k += 1 } }
        return out
    }

    /// Every layer's labels at every position of `text`, and the winners read from them.
    static func labelTrace(of interpreter: SymbolicInterpreter, text: [UInt8]) -> (trace: LabelTrace, winners: [Int32]) {
        let trace = interpreter.run(text)
        return (trace, interpreter.winners(trace))
    }

    /// Whether `pattern` (a stored label or a group; a prefix for a label the checker does not
    /// know by name) holds after the last layer at t − 1, for each t in `targets`: the program
    /// with `order pattern` as its only prediction, on the fast path.
    static func holds(_ pattern: LabelPattern, in program: SymbolicProgram, predicting targets: Range<Int>, text: [UInt8]) throws(Failure) -> [Bool] {
        var probe = program
        probe.unembed = [.statement(.order([pattern]), comment: nil), .statement(.smooth(beta: 1), comment: nil)]
        let interpreter = try interpreter(probe)
        let count = Int32(interpreter.predictionLabels.count)
        return interpreter.winners(predicting: targets, in: text).map { $0 < count }
    }
}
