import Foundation
import Logging
import MCP

/// A transport that ends its input only once every request received has been answered. The
/// SDK's server handles each request in a task of its own and `waitUntilCompleted` returns when
/// the input ends, so without this a client that writes its requests and closes stdin would
/// lose the answers still being computed.
actor DrainingTransport: Transport {
    let inner: any Transport
    nonisolated let logger: Logger
    private var pending = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(_ inner: any Transport, logger: Logger) {
        self.inner = inner
        self.logger = logger
    }

    func connect() async throws { try await inner.connect() }
    func disconnect() async { await inner.disconnect() }

    func send(_ data: Data) async throws {
        try await inner.send(data)
        pending = max(0, pending - Self.messages(in: data).filter { $0["id"] != nil && ($0["result"] != nil || $0["error"] != nil) }.count)
        if pending == 0 { resumeWaiters() }
    }

    nonisolated func receive() -> AsyncThrowingStream<Data, Swift.Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for try await data in await inner.receive() {
                        await noteReceived(data)
                        continuation.yield(data)
                    }
                    await drained()
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    private func noteReceived(_ data: Data) {
        pending += Self.messages(in: data).filter { $0["id"] != nil && $0["method"] != nil }.count
    }

    private func drained() async {
        if pending == 0 { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    private func resumeWaiters() {
        let w = waiters
        waiters = []
        for c in w { c.resume() }
    }

    /// The JSON-RPC messages of one frame (a message or a batch).
    static func messages(in data: Data) -> [[String: Any]] {
        let json = try? JSONSerialization.jsonObject(with: data)
        if let one = json as? [String: Any] { return [one] }
        return (json as? [[String: Any]]) ?? []
    }
}
