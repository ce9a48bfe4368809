import Circuits
import Emitters

/// A circuit's emitted C with its pattern-reading `main`, compiled with warnings as errors and
/// run: the third implementation the bit-exactness tests compare against.
enum EmittedCProgram {
    /// The outputs the compiled C prints for `inputs`: one pattern per line, or for a sequential
    /// circuit one clock step per line from reset.
    static func run(_ aig: AIG, inputs: PatternSet) throws -> PatternSet {
        try CompiledCircuitProgram(aig, flags: ["-O1", "-Wall", "-Wextra", "-Werror"]).run(inputs: inputs)
    }
}
