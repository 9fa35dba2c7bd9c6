import Foundation
import Synchronization

/// What the service keeps in memory while it runs: counters for `/metrics` and the
/// per-address limiters (wrong codes, sign-in links).
public final class ServerState: Sendable {
    let limiter: AddressLimiter
    /// Sign-in links asked for per client address (each contact is limited in the store too).
    let signInLimiter = AddressLimiter(limit: 10, window: 15 * 60)
    let staffSignInLimiter = AddressLimiter(limit: 10, window: 15 * 60)
    let counters = Mutex<Counters>(Counters())

    struct Counters {
        var bookings = 0
        var refusals: [String: Int] = [:]
        var jobRuns: [String: Int] = [:]
        var jobFailures: [String: Int] = [:]
        var jobLastSuccess: [String: Date] = [:]
    }

    public init(codeAttemptsPerAddress: Int) {
        limiter = AddressLimiter(limit: codeAttemptsPerAddress, window: 15 * 60)
    }

    func countRefusal(_ rule: String) {
        counters.withLock { $0.refusals[rule, default: 0] += 1 }
    }

    func countBooking() {
        counters.withLock { $0.bookings += 1 }
    }

    func countJob(_ name: String, succeeded: Bool, at now: Date) {
        counters.withLock {
            $0.jobRuns[name, default: 0] += 1
            if succeeded { $0.jobLastSuccess[name] = now } else { $0.jobFailures[name, default: 0] += 1 }
        }
    }
}
