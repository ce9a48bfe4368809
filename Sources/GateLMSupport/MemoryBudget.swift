#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Large allocations are checked against the machine before they are made,
/// so that a huge option or a header that claims billions of nodes fails
/// with a message instead of exhausting memory or trapping.
public enum MemoryBudget {
    /// Physical memory in bytes (sysconf), or 16 GiB if the system does not say.
    public static let physicalBytes: Int = {
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), size = sysconf(Int32(_SC_PAGESIZE))
        return pages > 0 && size > 0 ? pages * size : 1 << 34
    }()

    /// The most one request may use: three quarters of physical memory.
    public static var limitBytes: Int { physicalBytes / 4 * 3 }

    public struct Exceeded: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Throws unless `count` elements of `bytesEach` bytes (for `what`) fit in the budget;
    /// overflowing products count as too large.
    public static func check(_ count: Int, bytesEach: Int, for what: String) throws(Exceeded) {
        let (bytes, overflow) = count.multipliedReportingOverflow(by: bytesEach)
        guard count >= 0, !overflow, bytes <= limitBytes else {
            throw Exceeded(description: "\(what) would need \(overflow || count < 0 ? "more than \(Int.max)" : "\(bytes)") bytes, "
                                      + "more than this machine's limit of \(limitBytes) (3/4 of \(physicalBytes) bytes of memory)")
        }
    }
}
