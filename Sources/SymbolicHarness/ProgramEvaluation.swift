import Symbolic

/// The only place that runs a program over text. Scoring goes through `winners` alone (the fast
/// plane interpreter); `labelTrace` is for inspection (trace, label statistics, find_positions)
/// and stays on the reference interpreter, which keeps every layer's labels.
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

    /// Every layer's labels at every position of `text`, and the winners read from them.
    static func labelTrace(of interpreter: SymbolicInterpreter, text: [UInt8]) -> (trace: LabelTrace, winners: [Int32]) {
        let trace = interpreter.run(text)
        return (trace, interpreter.winners(trace))
    }
}
