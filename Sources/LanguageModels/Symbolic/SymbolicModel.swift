import Circuits
import Foundation
import GateLMSupport
import Symbolic
import Text

/// A symbolic transformer program as a language model: the program, its next-byte rows fitted on
/// the training part of a corpus, and their integer scores (`ScoreTable`), so that it compiles to
/// a window circuit with GateLM's interface (inputs `ctx[-p][b]`, outputs `score[0xNN][i]`) and
/// every command takes it as it takes a trained model.
public struct SymbolicModel: Sendable {
    public let program: SymbolicProgram
    public let interpreter: SymbolicInterpreter
    public let rows: FittedRows
    public let table: ScoreTable
    /// The corpus the rows were fitted on, and the fitted targets.
    public let corpus: CorpusIdentity
    public let fit: Range<Int>

    /// Why a program file cannot be used as a model.
    public struct LoadError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Fits `program` on the targets `fit` of `text`.
    public init(program: SymbolicProgram, text: Corpus, fit: Range<Int>) throws(LoadError) {
        do { interpreter = try SymbolicInterpreter(program) } catch { throw LoadError(description: error.description) }
        self.program = program
        let winners = interpreter.winners(predicting: 0..<fit.upperBound, in: text.bytes)
        do { rows = try FittedRows(interpreter: interpreter, winners: winners + [Int32](repeating: 0, count: text.bytes.count - fit.upperBound), text: text.bytes, fit: fit) } catch {
            throw LoadError(description: error.description)
        }
        table = ScoreTable(rows: rows, winners: winners, text: text.bytes, fit: fit)
        corpus = .init(name: text.name, bytes: text.bytes)
        self.fit = fit
    }

    /// The program in the `.symtx` file at `path`, fitted on the training split (the first 90 %)
    /// of `text`; parse and check errors name the file, line and column.
    public init(contentsOf path: String, fittedOn text: Corpus) throws(LoadError) {
        let source: [UInt8]
        do { source = try InputFile.read(path) } catch { throw LoadError(description: error.description) }
        try self.init(source: source, name: path, fittedOn: text)
    }

    /// The program whose `.symtx` text is `source` (read from `name`, which errors quote),
    /// fitted on the training split (the first 90 %) of `text`.
    public init(source: [UInt8], name: String, fittedOn text: Corpus) throws(LoadError) {
        let program: SymbolicProgram
        do { program = try SymbolicProgram(parsing: String(decoding: source, as: UTF8.self)) } catch { throw LoadError(description: "\(name):\(error)") }
        let errors = program.check().filter { $0.severity == .error }
        guard errors.isEmpty else { throw LoadError(description: errors.map { "\(name): \($0)" }.joined(separator: "\n")) }
        let split = CorpusSplit(text)
        try self.init(program: program, text: text, fit: split.training)
    }

    public var vocabulary: ByteVocabulary { ByteVocabulary(bytes: table.classBytes) }
    public var readout: ReadoutParameters { ReadoutParameters(temperature: table.temperature, epsilon: table.epsilon) }

    /// The compiled circuit: the window's inputs, the layers, the winner and the ROM, with ANDs no
    /// output reads removed. Outputs: the scores, then `winner[i]` (the winner's index); `argmax`
    /// adds the first highest score's class index.
    public func circuit(nodeNames: Bool = false, argmax: Bool = false) -> AIG {
        var builder = AIGBuilder(expectedAnds: 1 << 16)
        let w = interpreter.windowLength
        let context = (0..<w).map { p in (0..<8).map { builder.addInput(name: CircuitNames.contextInput(position: p, bit: $0)) } }
        var names: NodeNames? = nodeNames ? NodeNames() : nil
        let parts = interpreter.build(into: &builder, context: context, table: table, names: &names)
        for (c, score) in parts.scores.enumerated() {
            for (bit, literal) in score.enumerated() { builder.addOutput(literal, name: CircuitNames.scoreOutput(byte: table.classBytes[c], bit: bit)) }
        }
        // The winner's index (prediction labels in order, then the unigram), for questions about it.
        for (bit, literal) in parts.winnerIndex.enumerated() { builder.addOutput(literal, name: Self.winnerOutputName(bit: bit)) }
        if argmax {
            let (index, _) = builder.argmax(parts.scores)
            for (bit, literal) in index.enumerated() { builder.addOutput(literal, name: "argmax[\(bit)]") }
        }
        let counts = program.counts
        builder.comments = [
            "gatelm symbolic transformer: W=\(w) layers=\(program.layerCount) span=\(program.span) labels=\(interpreter.universe.count) "
                + "rules=\(counts.rules) heads=\(counts.heads) shifts=\(counts.shifts) prediction labels=\(interpreter.predictionLabels.count)",
            "written by hand (not learned): the program; counted from \(corpus.name) (its first \(fit.count) bytes): the next-byte row of each winner, "
                + "quantised at \(table.scale) score units per bit",
            "inputs ctx[-p][b]: bit b of the p-th most recent byte (0x00: padding); outputs score[0xNN][i]: bit i of the class score of byte NN",
            readout.comment,
        ]
        let (built, builderMap) = builder.buildWithMap()
        let (pruned, prunedMap) = built.removingDanglingNodesWithMap()
        var aig = pruned
        if let names {
            var kept = NodeNames()
            for entry in names.entries {
                guard let v = prunedMap[builderMap[entry.literal.variable]] else { continue }
                kept.add(entry.name, Literal(variable: v, complemented: entry.literal.isComplemented))
            }
            aig.comments += kept.comments(for: aig)
        }
        return aig
    }

    /// Output `winner[i]`: bit i of the winner's index (an index into the prediction labels, their
    /// count for the unigram).
    public static func winnerOutputName(bit: Int) -> String { "winner[\(bit)]" }

    /// The winner of each target in `positions`, by the fast interpreter.
    public func winners(of positions: Range<Int>, in text: [UInt8]) -> [Int32] { interpreter.winners(predicting: positions, in: text) }

    /// The class scores of the targets `positions` (position-major), from the interpreter's
    /// winners through the table: what the circuit must output.
    public func scores(of positions: Range<Int>, in text: [UInt8]) -> [Int32] {
        winners(of: positions, in: text).flatMap { table.scores[Int($0)] }
    }

    /// Bits/byte on `positions` with the fitted rows (ideal) and with the integer scores (as the circuit).
    public func bitsPerByte(on text: [UInt8], positions: Range<Int>) -> (ideal: Double, quantised: Double) {
        var full = [Int32](repeating: 0, count: text.count)
        for (k, w) in winners(of: positions, in: text).enumerated() { full[positions.lowerBound + k] = w }
        return (rows.bitsPerByte(winners: full, text: text, positions: positions), table.bitsPerByte(winners: full, text: text, positions: positions))
    }
}
