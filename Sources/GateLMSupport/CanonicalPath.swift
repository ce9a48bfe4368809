#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A path made absolute with every `.`, `..` and symbolic link resolved (`realpath(3)`), or
/// nil with `errno` set when it cannot be (a missing component, a loop, …).
enum CanonicalPath {
    static func of(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }
}
