import Solver
import Testing

@Suite struct DRATCheckerTests {
    /// drat-trim's example formula: every assignment of 4 variables breaks one of the 8 clauses.
    static let formula = """
        c the example of drat-trim's README
        p cnf 4 8
         1  2 -3 0
        -1 -2  3 0
         2  3 -4 0
        -2 -3  4 0
         1  3  4 0
        -1 -3 -4 0
        -1  2  4 0
         1 -2 -4 0

        """

    static func check(_ proof: String) throws -> DRATCheck {
        let cnf = try DIMACSParser.cnf(Array(formula.utf8))
        return DRATCheck(formula: cnf, proof: try DIMACSParser.drat(Array(proof.utf8), variableCount: cnf.variableCount))
    }

    @Test func acceptsARATProof() throws {
        // -1 is not RUP but RAT on -1; drat-trim verifies the same proof ("1 RAT lemmas in core").
        let check = try Self.check("-1 0\nd -1 -2 3 0\n2 0\n0\n")
        #expect(check.verified, "\(check.message)")
        #expect(check.ratLemmas == 1)
        #expect(check.deletionsIgnored == 1)
        #expect(check.lemmas == 3)
    }

    @Test func rejectsALemmaThatDoesNotFollow() throws {
        // drat-trim: NOT VERIFIED.
        let check = try Self.check("1 0\n0\n")
        #expect(!check.verified)
        #expect(check.failedStep != nil)
    }

    @Test func rejectsAProofWithoutTheEmptyClause() throws {
        let check = try Self.check("-1 0\n")
        #expect(!check.verified)
        #expect(check.failedStep == 0)
    }

    @Test func writesWhatItReads() throws {
        let cnf = try DIMACSParser.cnf(Array(Self.formula.utf8))
        #expect(try DIMACSParser.cnf(cnf.dimacs(comments: ["a comment", "two\nlines"])) == cnf)
        var proof = DRATProof()
        proof.add([-1])
        proof.delete([-1, -2, 3])
        proof.add([])
        #expect(try DIMACSParser.drat(proof.text(), variableCount: 4) == proof)
    }

    @Test(arguments: [
        ("p cnf 2 1\n1 3 0\n", 2, "outside"),
        ("p cnf 2 2\n1 2 0\n", 3, "1 clauses, the header says 2"),
        ("1 2 0\n", 1, "before the `p cnf` header"),
        ("p cnf 2 1\n1 2\n", 3, "no terminating 0"),
        ("p cnf 2 1\n1 x 0\n", 2, "expected a number"),
        ("p cnf 2 1\n12345678901 0\n", 2, "more than 10 digits"),
        ("p cnf 2 1\np cnf 2 1\n", 2, "a second `p` header"),
        ("p dnf 2 1\n", 1, "expected `p cnf"),
    ])
    func reportsWhereACNFIsWrong(text: String, line: Int, message: String) {
        #expect {
            _ = try DIMACSParser.cnf(Array(text.utf8))
        } throws: { error in
            guard let error = error as? DIMACSParser.ParseError else { return false }
            return error.line == line && error.message.contains(message)
        }
    }

    @Test func refusesBinaryDRAT() {
        #expect(throws: DIMACSParser.ParseError.self) { _ = try DIMACSParser.drat([0x61, 0x02, 0x00], variableCount: 4) }
        #expect(throws: DIMACSParser.ParseError.self) { _ = try DIMACSParser.drat(Array("5 0\n".utf8), variableCount: 4) }
    }
}
