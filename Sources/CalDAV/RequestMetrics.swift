import Synchronization

/// Counts of what a client sent, so tests and the benchmark can check that work is
/// proportional to what changed rather than to the size of the calendar.
public struct RequestMetrics: Sendable, Hashable, Codable {
    /// HTTP exchanges attempted, retries included.
    public var requests = 0
    /// Of those, repeats after a 429/503 or a dropped connection.
    public var retries = 0
    public var bytesSent = 0
    public var bytesReceived = 0
    /// Requests per method (`REPORT`, `PUT`, ...).
    public var byMethod: [String: Int] = [:]

    public init() {}

    /// What happened between `earlier` and this snapshot.
    public func since(_ earlier: RequestMetrics) -> RequestMetrics {
        var delta = RequestMetrics()
        delta.requests = requests - earlier.requests
        delta.retries = retries - earlier.retries
        delta.bytesSent = bytesSent - earlier.bytesSent
        delta.bytesReceived = bytesReceived - earlier.bytesReceived
        for (method, count) in byMethod {
            let difference = count - (earlier.byMethod[method] ?? 0)
            if difference != 0 { delta.byMethod[method] = difference }
        }
        return delta
    }
}

/// The client's running totals, shared by all its tasks.
final class MetricsRecorder: Sendable {
    private let state = Mutex(RequestMetrics())

    var snapshot: RequestMetrics { state.withLock { $0 } }

    func record(method: String, sent: Int, received: Int, isRetry: Bool) {
        state.withLock { metrics in
            metrics.requests += 1
            if isRetry { metrics.retries += 1 }
            metrics.bytesSent += sent
            metrics.bytesReceived += received
            metrics.byMethod[method, default: 0] += 1
        }
    }
}
