import Foundation
import Symbolic

/// One program evaluated on a corpus: its interpreter, the winner of every prediction up to
/// the end of dev, and the rows fitted on fit. What every score, comparison and trace reads.
public struct ProgramAnalysis: Sendable {
    public let program: SymbolicProgram
    public let interpreter: SymbolicInterpreter
    /// winners[t]: the winner predicting byte t, for t in 0 ..< dev.upperBound.
    public let winners: [Int32]
    public let rows: FittedRows

    /// The name of winner k: a prediction label, or `unigram`.
    public func winnerName(_ k: Int32) -> String {
        Int(k) < interpreter.predictionLabels.count ? interpreter.predictionLabels[Int(k)].description : "unigram"
    }

    /// −log₂ p(byte t) under the program.
    public func bits(at t: Int, of text: [UInt8]) -> Double {
        -log2(rows.rows[Int(winners[t])][Int(text[t])])
    }
}
