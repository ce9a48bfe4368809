import Foundation
import Interpret

/// `--certificate DIR` of explain and query: the proof directory, checked by GateLM's DRAT checker before it is
/// written (`ProofCertificate`).
enum CertificateOption {
    /// What was written, reported under `proof` in `--json`.
    struct Written: Encodable {
        var directory: String
        var engine: String
        var variables: Int
        var clauses: Int
        var lemmas: Int
        /// Whether GateLM's own DRAT checker verified the proof before it was written (false only when the time
        /// limit stopped the check: a failing proof is never written).
        var verified: Bool
        var checkMessage: String

        var summary: String {
            "  proof: \(directory)/ (\(engine): \(lemmas) DRAT lemmas over \(variables) variables, \(clauses) clauses; \(checkMessage)); "
                + "check it with: drat-trim \(directory)/formula.cnf \(directory)/proof.drat"
        }
    }

    /// Why `path` cannot receive a certificate directory, checked before the search (nil: it can).
    static func creationFailure(_ path: String) -> String? {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { return "--certificate \(path): it exists and is not a directory" }
            return access(path, W_OK) == 0 ? nil : "--certificate \(path): the directory is not writable"
        }
        let parent = (path as NSString).deletingLastPathComponent
        return access(parent.isEmpty ? "." : parent, W_OK) == 0 ? nil : "--certificate \(path): cannot create it in \(parent.isEmpty ? "." : parent)"
    }

    /// Makes the certificate (`make` with the cube budget), checks it until `checkDeadline`, writes it into `path`.
    static func write(_ path: String, budget: Int, checkDeadline: ContinuousClock.Instant,
                      make: (Int) throws(ProofCertificate.Failure) -> ProofCertificate) throws -> Written {
        let certificate: ProofCertificate
        do { certificate = try make(max(budget, 1)) } catch { throw CLIError("no certificate: \(error.description)") }
        let check = certificate.check(deadline: checkDeadline)
        guard check.verified || check.stopped else { throw CLIError("the proof failed GateLM's own check (\(check.message)): nothing written") }
        try certificate.write(directory: path)
        return Written(directory: path, engine: certificate.engine, variables: check.variables, clauses: check.clauses,
                       lemmas: certificate.proof.lemmaCount, verified: check.verified,
                       checkMessage: check.stopped ? "not checked within the time limit (\(check.message)): check it outside" : check.message)
    }
}

/// An answer and, with `--certificate`, the proof written for it: the answer's JSON object with `proof` added.
struct CertifiedAnswer<Answer: Encodable>: Encodable {
    var answer: Answer
    var proof: CertificateOption.Written?

    private enum CodingKeys: String, CodingKey { case proof }

    func encode(to encoder: any Encoder) throws {
        try answer.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(proof, forKey: .proof)
    }
}
