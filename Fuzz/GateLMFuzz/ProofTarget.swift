// The `proof` fuzz target: the DIMACS CNF and textual DRAT readers of `gatelm check-proof` and the checker
// itself on the bytes as the two files (a 2-byte little-endian length n, n bytes of formula, then the proof).
// What parses must write and parse back equal; the checker must answer without trapping, and a proof it
// verifies must make the formula unsatisfiable (checked by brute force on formulas of at most 12 variables).
import Solver

func fuzzProof(_ bytes: [UInt8]) {
    guard bytes.count >= 2 else { return }
    let n = Int(bytes[0]) | Int(bytes[1]) << 8
    guard bytes.count >= 2 + n else { return }
    guard let cnf = try? DIMACSParser.cnf(Array(bytes[2 ..< 2 + n])) else { return }
    guard (try? DIMACSParser.cnf(cnf.dimacs())) == cnf else { fatalError("a CNF that parses does not read back equal after writing it") }
    guard let proof = try? DIMACSParser.drat(Array(bytes[(2 + n)...]), variableCount: cnf.variableCount) else { return }
    guard (try? DIMACSParser.drat(proof.text(), variableCount: cnf.variableCount)) == proof else {
        fatalError("a DRAT proof that parses does not read back equal after writing it")
    }
    guard cnf.variableCount <= 1 << 16 else { return }
    let check = DRATCheck(formula: cnf, proof: proof)
    guard check.verified, cnf.variableCount <= 12 else { return }
    let clauses = cnf.clauses
    for assignment in 0 ..< (1 << cnf.variableCount) {
        let satisfies = clauses.allSatisfy { clause in
            clause.contains { l in (assignment >> (Int(l.magnitude) - 1) & 1 == 1) == (l > 0) }
        }
        if satisfies { fatalError("the checker verified a proof for a satisfiable formula (assignment \(assignment))") }
    }
}
