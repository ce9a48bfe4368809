import GateLMSupport

/// Whole-file reads and atomic writes for AIGER files (GateLMSupport's
/// POSIX-only `InputFile` and `AtomicFile`, so Circuits needs no Foundation).
enum AIGERFile {
    /// The bytes of the file at `path` (`-`: standard input).
    static func readAll(_ path: String) throws(AIGERError) -> [UInt8] {
        do { return try InputFile.read(path) } catch {
            throw AIGERError(nil, "cannot read: \(error.reason)", path: path)
        }
    }

    /// Writes `bytes` to `path` through a temporary file that is synced and
    /// renamed into place, so a failure never leaves a partial file.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws(AIGERError) {
        do { try AtomicFile.write(bytes, to: path) } catch {
            throw AIGERError(nil, error.description, path: path)
        }
    }
}
