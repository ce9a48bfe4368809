#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension AtomicFile {
    /// Writes a directory of files (an interchange model, a proof certificate): creates `path` when missing,
    /// refusing a path that exists and is not a directory (a symbolic link to a directory is followed), then
    /// lets `write` write each of `files` (names inside it, each written atomically by the caller, in order,
    /// so that the last names what the others hold). If a write fails, what this call created is removed.
    public static func writeDirectory(_ path: String, files: [String], writing write: (String) throws -> Void) throws {
        var created = false
        var status = stat()
        if stat(path, &status) != 0 || status.st_mode & S_IFMT != S_IFDIR {
            if lstat(path, &status) == 0 { throw Failure(description: "cannot write \(path): it exists and is not a directory") }
            guard mkdir(path, 0o755) == 0 else { throw Failure(description: "cannot create the directory \(path): \(SystemError.describe(errno))") }
            created = true
        }
        var written = [String]()
        do {
            for name in files {
                try write(path + "/" + name)
                written.append(name)
            }
        } catch {
            if created {
                for name in written { unlink(path + "/" + name) }
                rmdir(path)
            }
            throw error
        }
    }
}
