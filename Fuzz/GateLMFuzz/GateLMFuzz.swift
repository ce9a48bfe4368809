// libFuzzer entry point for GateLM's readers of untrusted input. Built only by
// scripts/fuzz.sh (GATELM_FUZZ=1 swift build -Xswiftc -sanitize=fuzzer …), which
// picks the target with GATELM_FUZZ_TARGET:
//
//   aiger       AIGERReader on the bytes; what it accepts must write and read back equal
//   checkpoint  the checkpoint decoder and the loader of the family its kind names (the
//               registry, as every command loads models) on the bytes as a checkpoint body
//               (header and checksum added, so mutations reach the structure); what loads must
//               compile to a circuit (CheckpointTarget.swift); seeds: gate-network checkpoints
//   constraint  the interpretability constraint parser on the bytes as text (W = 8)
//   symtx       the symbolic program parser and checker on the bytes as text; what parses
//               and checks must print and parse back equal (SymbolicTargets.swift)
//   patch       the patch language on the bytes as text, applied to a small fixed program;
//               what applies must check without trapping (SymbolicTargets.swift)
//   ternary     the same as checkpoint, seeded with ternary recurrent checkpoints
//   integer     the same as checkpoint, seeded with integer window checkpoints
//   interchange the interchange directory reader on the bytes as its two files (a 2-byte length,
//               config.json, model.safetensors): what decodes must encode back equal, what loads
//               must export, load back the same and compile (InterchangeTarget.swift); and the
//               scores-file reader
//   proof       gatelm check-proof's DIMACS and DRAT readers and the DRAT checker on the bytes as its two files
//               (a 2-byte length, the formula, the proof): what parses must write and read back equal, and a
//               verified proof's formula must be unsatisfiable (brute force up to 12 variables) (ProofTarget.swift)
//   mcp         the MCP server's request handling end to end on the bytes as a client's stdio
//               stream: every answer well-formed JSON-RPC with a valid id, nothing owed after
//               draining, the session still answering (MCPTarget.swift)
//
// A new target: a case of FuzzTarget, a case in fuzzOneInput's switch, its seeds in
// Fuzz/corpus/NAME, and its name in scripts/fuzz.sh's list.
//
// Any trap is a bug: readers must throw on bad input, never crash.
import Circuits
import Foundation
import Interpret
import LanguageModels
import Learning

enum FuzzTarget: String, CaseIterable { case aiger, checkpoint, constraint, symtx, patch, ternary, integer, interchange, proof, mcp }

let target: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["GATELM_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        fatalError("set GATELM_FUZZ_TARGET to one of \(names) (got \(name.debugDescription))")
    }
    return target
}()

/// libFuzzer's driver, entered from SwiftPM's renamed entry point below (SwiftPM links an
/// executable's `main` to `<Module>_main`, so libFuzzer's own `main` is not the one that runs).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("GateLMFuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments, fuzzOneInput)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data!, count: size))
    switch target {
    case .aiger:
        guard let aig = try? AIGERReader.read(bytes: bytes) else { return 0 }
        for format in [AIGERFormat.ascii, .binary] {
            guard let again = try? AIGERReader.read(bytes: AIGERWriter.write(aig, format: format)) else {
                fatalError("an accepted AIG does not read back after writing it as \(format)")
            }
            precondition(again.andCount == aig.andCount && again.inputCount == aig.inputCount
                         && again.outputs == aig.outputs && again.latches == aig.latches,
                         "an accepted AIG reads back different after writing it as \(format)")
        }
    case .checkpoint, .ternary, .integer:
        fuzzModelCheckpoint(bytes)
    case .constraint:
        _ = try? ContextConstraint.parse(String(decoding: bytes, as: UTF8.self), contextLength: 8)
    case .symtx:
        fuzzSymtx(bytes)
    case .patch:
        fuzzPatch(bytes)
    case .interchange:
        fuzzInterchange(bytes)
    case .proof:
        fuzzProof(bytes)
    case .mcp:
        fuzzMCP(bytes)
    }
    return 0
}
