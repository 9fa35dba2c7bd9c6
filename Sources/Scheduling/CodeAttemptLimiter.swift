import Foundation

/// §2: "repeated wrong codes are rate-limited". A sliding window over the company's
/// recent wrong attempts (the Store keeps them; this only decides).
public struct CodeAttemptLimiter: Hashable, Sendable {
    public var limit: Int
    public var window: TimeInterval

    public init(limit: Int = 5, window: TimeInterval = 15 * 60) {
        self.limit = limit
        self.window = window
    }

    public init(_ policy: Policy) {
        self.init(limit: policy.wrongCodeLimit, window: policy.wrongCodeWindow)
    }

    /// Accepted with the number of wrong attempts still allowed before the limit, or
    /// refused until the oldest attempt in the window ages out.
    public func check(wrongAttempts: [Date], now: Date, zone: TimeZone) -> Decision<Int> {
        let windowStart = now.addingTimeInterval(-window)
        let recent = wrongAttempts.filter { $0 > windowStart && $0 <= now }.sorted()
        guard recent.count >= limit else { return .accepted(limit - recent.count) }
        // The attempt whose expiry brings the count back under the limit.
        let unblockedAt = recent[recent.count - limit].addingTimeInterval(window)
        return .refused(
            .codeRateLimited,
            reason: "The maintenance code was entered wrongly \(limit) times within \(window.spokenDuration); "
                + "please try again after \(CustomerTime.describe(unblockedAt, in: zone)).")
    }
}
