import Curl
import Foundation

/// When and how long to wait before repeating a request that failed for reasons
/// that may pass: 429 and 503 answers, and connections that dropped or timed out.
///
/// Only requests that are safe to repeat are retried: GET, HEAD, OPTIONS, PROPFIND
/// and REPORT read; PUT and DELETE only when conditional (`If-Match` or
/// `If-None-Match`). A conditional write repeated after its first attempt did land
/// answers 412 instead of writing twice, which the caller's conflict handling
/// already covers (re-read, compare). Unconditional writes, MKCALENDAR and POST are
/// never repeated: a second MKCALENDAR after a lost 201 would fail confusingly.
public struct RetryPolicy: Sendable {
    /// Attempts in all, the first included. 1 means no retries.
    public var maxAttempts: Int
    /// The wait before the first retry; each later one doubles it.
    public var initialDelay: Duration
    /// No computed backoff waits longer than this.
    public var maxDelay: Duration
    /// A server's `Retry-After` is honoured up to this long; beyond it, this is used.
    public var retryAfterLimit: Duration
    /// How waiting is done; tests replace it to record delays without spending them.
    public var sleep: @Sendable (Duration) async throws -> Void

    public init(
        maxAttempts: Int = 3, initialDelay: Duration = .milliseconds(250), maxDelay: Duration = .seconds(4),
        retryAfterLimit: Duration = .seconds(30),
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
        self.retryAfterLimit = retryAfterLimit
        self.sleep = sleep
    }

    public static let `default` = RetryPolicy()
    public static let none = RetryPolicy(maxAttempts: 1)

    /// Whether `method` with these headers may be sent twice without changing the outcome.
    static func isRepeatable(method: String, headers: [HTTPHeader]) -> Bool {
        switch method.uppercased() {
        case "GET", "HEAD", "OPTIONS", "PROPFIND", "REPORT":
            return true
        case "PUT", "DELETE":
            return headers.contains { header in
                header.name.caseInsensitiveCompare("If-Match") == .orderedSame
                    || header.name.caseInsensitiveCompare("If-None-Match") == .orderedSame
            }
        default:
            return false
        }
    }

    /// The wait before attempt `attempt + 1` (attempt counts from 1).
    func delay(afterAttempt attempt: Int, retryAfter: String?) -> Duration {
        if let retryAfter, let asked = Self.parseRetryAfter(retryAfter, now: Date()) {
            return min(asked, retryAfterLimit)
        }
        var delay = initialDelay
        for _ in 1..<max(1, attempt) { delay *= 2 }
        return min(delay, maxDelay)
    }

    /// `Retry-After` is either seconds or an HTTP date (RFC 9110 §10.2.3).
    static func parseRetryAfter(_ value: String, now: Date) -> Duration? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(trimmed) { return .seconds(max(0, seconds)) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return .milliseconds(max(0, Int64(date.timeIntervalSince(now) * 1000)))
    }
}
