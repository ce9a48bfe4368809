import Circuits
import GateLMSupport
import LanguageModels
import Solver

/// A certificate an outsider can check: a claim about a model's prediction circuit, the formula that is
/// unsatisfiable exactly when the claim holds (DIMACS CNF: the Tseitin clauses of the question circuit's
/// cone, its fixed inputs and its root as units), and a DRAT refutation of it. drat-trim
/// (`drat-trim formula.cnf proof.drat`) or `gatelm check-proof formula.cnf proof.drat` checks it without
/// trusting GateLM's search; the formula's comments name every input variable, so the question circuit can be
/// re-derived from the model's AIGER and compared.
///
/// The proof comes from the cube search (`cubeSearch`): CaDiCaL's C API (Debian's 1.5) has no proof output.
public struct ProofCertificate: Sendable {
    /// What is proved, in words.
    public var claim: String
    /// The engine that found the proof.
    public var engine: String
    public let question: CubeQuestion
    public let proof: DRATProof
    public let stats: CubeSearchStats
    /// The formula the proof refutes (`question.cnf()`, built once: millions of clauses on a large model).
    public let formula: CNF

    public static let formulaName = "formula.cnf"
    public static let proofName = "proof.drat"
    public static let manifestName = "certificate.json"
    public static let format = "gatelm-certificate"

    /// Why no certificate could be made.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Proves `claim`: no values of `question`'s free inputs make its root 1.
    public init(claim: String, question: CubeQuestion, maxCubes: Int, deadline: ContinuousClock.Instant?) throws(Failure) {
        let (outcome, stats) = cubeSearch(question, params: CubeSearchParams(maxCubes: maxCubes, deadline: deadline, recordProof: true))
        switch outcome {
        case .refuted(let proof?):
            self.init(claim: claim, engine: "cubes", question: question, proof: proof, stats: stats)
        case .refuted(nil):
            preconditionFailure("a recorded refutation has its proof")
        case .satisfied:
            throw Failure(description: "the claim is false: the cube search found a counterexample (\(claim))")
        case .unknown:
            throw Failure(description: "no proof: the cube search stopped after \(stats.cubes) cubes (budget \(maxCubes)) without settling every completion")
        }
    }

    init(claim: String, engine: String, question: CubeQuestion, proof: DRATProof, stats: CubeSearchStats) {
        self.claim = claim
        self.engine = engine
        self.question = question
        self.proof = proof
        self.stats = stats
        formula = question.cnf()
    }

    /// Checks the proof with GateLM's own DRAT checker (independent of the search that wrote it), until `deadline`.
    public func check(deadline: ContinuousClock.Instant? = nil) -> DRATCheck { DRATCheck(formula: formula, proof: proof, deadline: deadline) }

    /// The inputs of the question circuit's cone: name, DIMACS variable, fixed value (nil: free).
    public var inputs: [(name: String, variable: Int32, value: Bool?)] {
        let aig = question.aig
        return question.cone.support.inputs.map { i in (aig.names.input(i) ?? "input \(i)", CubeQuestion.dimacsVariable(1 + i), question.values[i]) }
    }

    /// The formula's DIMACS text, with the claim and the variable map as comments.
    public func formulaText() -> [UInt8] {
        var comments = ["GateLM proof certificate: \(claim)",
                        "DIMACS variable v + 1 is variable v of the question circuit (variable 1: the constant false);",
                        "the last clause asserts the question's root, which the proof (\(Self.proofName)) refutes.",
                        "inputs (name = variable, fixed value or free):"]
        comments += inputs.map { "  \($0.name) = \($0.variable)" + ($0.value.map { $0 ? " fixed 1" : " fixed 0" } ?? " free") }
        return formula.dimacs(comments: comments)
    }

    /// The manifest: what is claimed, by which engine, the files and how to check them.
    public func manifest() -> JSONValue {
        let f = formula
        return .object([
            "format": .string(Self.format), "version": .int(1), "claim": .string(claim), "engine": .string(engine),
            "formula": .string(Self.formulaName), "proof": .string(Self.proofName),
            "variables": .int(f.variableCount), "clauses": .int(f.clauseCount), "lemmas": .int(proof.lemmaCount),
            "root": .int(Int(CubeQuestion.dimacsLiteral(question.root))),
            "inputs": .array(inputs.map { input in
                .object(["name": .string(input.name), "variable": .int(Int(input.variable)), "value": input.value.map(JSONValue.bool) ?? .null])
            }),
            "check": .array([.string("drat-trim \(Self.formulaName) \(Self.proofName)"),
                             .string("gatelm check-proof \(Self.formulaName) \(Self.proofName)")]),
        ])
    }

    /// Writes `formula.cnf`, `proof.drat` and `certificate.json` into directory `path` (created when missing),
    /// each atomically, the manifest last; on failure what this call created is removed.
    public func write(directory path: String) throws {
        try AtomicFile.writeDirectory(path, files: [Self.formulaName, Self.proofName, Self.manifestName]) { file in
            if file.hasSuffix(Self.formulaName) { try AtomicFile.write(formulaText(), to: file) }
            else if file.hasSuffix(Self.proofName) { try AtomicFile.write(proof.text(), to: file) }
            else { try AtomicFile.write(JSONWriter.bytes(manifest()) + [0x0A], to: file) }
        }
    }
}

extension ProofCertificate {
    /// Certifies that fixing `fixed` (input indices 8·(p − 1) + b, at their values in `context`) forces the
    /// model's prediction on `context`: with them fixed, no completion lets another class win.
    public static func sufficiency(model: CircuitLanguageModel, context: [UInt8], fixed: [Int], maxCubes: Int = Explanation.maxCubes,
                                   deadline: ContinuousClock.Instant? = nil) throws(Failure) -> ProofCertificate {
        let top = model.predictions(contexts: context, count: 1)[0].topClass
        var circuit = PredictionCircuit(model)
        let broken = !circuit.isTop(top)
        let aig = circuit.builder.build()
        var values = [Bool?](repeating: nil, count: aig.inputCount)
        for i in fixed { values[i] = ContextBits.value(context, input: i) }
        let question: CubeQuestion
        do { question = try CubeQuestion(aig: aig, root: broken, values: values) }
        catch { throw Failure(description: error.description) }
        let prediction = printableByte(model.classBytes[top])
        return try ProofCertificate(claim: "with \(fixed.count) context bits fixed as in \(hexString(context)), no completion lets another byte than \(prediction) win",
                                    question: question, maxCubes: maxCubes, deadline: deadline)
    }
}

extension ProofCertificate {
    /// Certifies an `unsat` query: no context meeting `constraints` makes every goal hold.
    public static func unsat(model: CircuitLanguageModel, constraints: [ContextConstraint], goals: [Query.Goal],
                             maxCubes: Int = Query.maxCubes, deadline: ContinuousClock.Instant? = nil) throws(Failure) -> ProofCertificate {
        let gates: Query.Gates
        do { gates = try Query.gates(model: model, constraints: constraints, goals: goals) }
        catch { throw Failure(description: error.description) }
        let aig = gates.circuit.builder.build()
        let question = Query.cubeQuestion(aig, all: gates.all, constraints: constraints)
        let given = constraints.isEmpty ? "no context" : "no context with " + constraints.map(\.text).joined(separator: ", ")
        return try ProofCertificate(claim: "\(given) makes \(goals.map(\.description).joined(separator: ", "))",
                                    question: question, maxCubes: maxCubes, deadline: deadline)
    }
}
