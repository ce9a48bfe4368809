import Foundation

/// Runs external programs (cc, berkeley-abc, verilator, …) and captures what they print.
public enum ExternalCommand {
    /// The result of a finished program.
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        /// Whether the program was killed at its time limit.
        public var timedOut = false
        public var succeeded: Bool { status == 0 && !timedOut }
    }

    /// An error starting or running a program.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    /// The full path of `name` on `PATH`, or nil when it is not installed.
    public static func find(_ name: String) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs `program` (a name on `PATH` or a path) with `arguments`, feeding
    /// `input` to its standard input, and waits for it to finish, or kills it
    /// after `timeLimit` seconds (`Result.timedOut`).
    @discardableResult
    public static func run(
        _ program: String, _ arguments: [String], input: Data? = nil,
        workingDirectory: String? = nil, timeLimit: Double? = nil
    ) throws -> Result {
        guard let executable = find(program) else {
            throw Failure(description: "\(program) is not installed (not found on PATH)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory) }
        let outPipe = Pipe(), errPipe = Pipe(), inPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = inPipe
        FileDescriptorIO.ignoreBrokenPipes()
        try process.run()
        let killed = LockedFlag()
        if let timeLimit {
            DispatchQueue.global().asyncAfter(deadline: .now() + timeLimit) {
                guard process.isRunning else { return }
                killed.set()
                kill(process.processIdentifier, SIGKILL)
            }
        }
        // Drain stderr and feed stdin on other threads so no pipe fills up and blocks the child.
        let group = DispatchGroup()
        let errorOutput = LockedData()
        DispatchQueue.global().async(group: group) {
            errorOutput.set(FileDescriptorIO.readAll(errPipe.fileHandleForReading.fileDescriptor))
        }
        DispatchQueue.global().async(group: group) {
            if let input { FileDescriptorIO.writeAll(input, to: inPipe.fileHandleForWriting.fileDescriptor) }
            try? inPipe.fileHandleForWriting.close()
        }
        let out = FileDescriptorIO.readAll(outPipe.fileHandleForReading.fileDescriptor)
        process.waitUntilExit()
        group.wait()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: out, as: UTF8.self),
                      stderr: String(decoding: errorOutput.get(), as: UTF8.self),
                      timedOut: killed.isSet)
    }

    /// Runs a program and throws, with its error output, unless it exits 0
    /// (within `timeLimit` seconds, when one is given).
    @discardableResult
    public static func check(
        _ program: String, _ arguments: [String], input: Data? = nil, workingDirectory: String? = nil,
        timeLimit: Double? = nil
    ) throws -> Result {
        let result = try run(program, arguments, input: input, workingDirectory: workingDirectory, timeLimit: timeLimit)
        guard result.succeeded else {
            let what = result.timedOut ? "did not finish in \(timeLimit ?? 0) s" : "failed (exit \(result.status))"
            throw Failure(description: "\(program) \(arguments.joined(separator: " ")) \(what):\n\(result.stderr)\(result.stdout)")
        }
        return result
    }
}

/// A flag set on one thread and read on another.
private final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.lock(); value = true; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
}

/// Data handed from one thread to another.
private final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func set(_ value: Data) { lock.lock(); data = value; lock.unlock() }
    func get() -> Data { lock.lock(); defer { lock.unlock() }; return data }
}
