// The `symtx` and `patch` fuzz targets: the symbolic program's text format and the patch
// language, both read from agents and files, so both must throw on bad input, never trap.
import Symbolic
import SymbolicHarness

/// The parser and the checker on the bytes as text. A program that parses and checks without
/// errors must print and parse back to an equal program (the version store and `apply_patch`
/// rely on it).
func fuzzSymtx(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    guard let (program, locations) = try? SymbolicProgram.parse(text) else { return }
    let errors = program.check(locations: locations).filter { $0.severity == .error }
    guard errors.isEmpty else { return }
    let printed = program.text
    guard let again = try? SymbolicProgram(parsing: printed) else {
        fatalError("a checked program does not parse after printing it:\n\(printed)")
    }
    precondition(again == program, "a checked program parses back different after printing it:\n\(printed)")
}

/// The fixed program every fuzzed patch is applied to: every section and every kind of item.
let patchBase: SymbolicProgram = {
    let text = """
        symtx 1
        window layers=2 span=4
        labels
          group lower = b:'a'..b:'z'
          group vowel = b:'a' | b:'e' | b:'i' | b:'o' | b:'u'
          grouping word by b:' ' | bos
        layer 1
          shift p1 offset=1 copy=b:*
          shift p2 offset=2 copy=lower
          rule w_the all {b:'e', p1.b:'h', p2.b:'t'} -> +w:the  # the word
          rule q any {vowel} -> +q.ind.p1.@self
          head ind span=4 thresh=1 top=1 mode=best where {word<=1} bonus {off<=2: +1} copy=b:* as=ind
        layer 2
          rule after any {w:the, ind.b:'e'} -> +predict -w:the
        unembed
          order predict > ind.b:*
          backoff predict -> ind.b:'e'
          smooth dirichlet beta=1.0
        """
    return try! SymbolicProgram(parsing: text)
}()

/// The patch language on the bytes as text, applied to `patchBase`: the result of a patch that
/// applies is checked (it may have errors, but checking must not trap).
func fuzzPatch(_ bytes: [UInt8]) {
    guard let patch = try? ProgramPatch(parsing: String(decoding: bytes, as: UTF8.self)),
          let patched = try? patch.apply(to: patchBase) else { return }
    _ = patched.check()
}
