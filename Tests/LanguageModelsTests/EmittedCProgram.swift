import Circuits
import Emitters
import Foundation
import GateLMSupport
import _TestSupport

/// A circuit's emitted C with its pattern-reading `main`, compiled by `cc` and run: the third
/// implementation the bit-exactness tests compare against.
enum EmittedCProgram {
    /// The outputs the compiled C prints for `inputs`: one pattern per line, or for a sequential
    /// circuit one clock step per line from reset.
    static func run(_ aig: AIG, inputs: PatternSet) throws -> PatternSet {
        let dir = try TemporaryDirectory()
        var options = CEmitter.Options()
        options.main = .patterns
        try CEmitter.emit(aig, name: "lm", options: options).write(toFile: dir.file("lm.c"), atomically: true, encoding: .utf8)
        try ExternalCommand.check("cc", ["-O1", "-Wall", "-Wextra", "-Werror", dir.file("lm.c"), "-o", dir.file("lm")])
        let program = try ExternalCommand.check(dir.file("lm"), [], input: Data(inputs.formatted().utf8))
        return try PatternSet(parsing: program.stdout, signalCount: aig.outputCount)
    }
}
