import Foundation

/// Counts attempts per client address in a sliding window: wrong maintenance codes across
/// companies (the store already limits them per company, § wrong_code_limit; this stops
/// one client from trying codes against many), and sign-in links asked for.
actor AddressLimiter {
    private let limit: Int
    private let window: TimeInterval
    private var failures: [String: [Date]] = [:]

    init(limit: Int, window: TimeInterval) {
        self.limit = limit
        self.window = window
    }

    /// When the address may try again, if it may not now.
    func blockedUntil(_ address: String, now: Date) -> Date? {
        let recent = prune(address, now: now)
        guard recent.count >= limit, let oldest = recent.first else { return nil }
        return oldest.addingTimeInterval(window)
    }

    func record(_ address: String, now: Date) {
        var recent = prune(address, now: now)
        recent.append(now)
        failures[address] = recent
        // Bound the memory an attacker can make us use: past 100,000 addresses, forget half
        // of them (any half; a forgotten address merely starts counting again).
        if failures.count > 100_000 {
            for key in failures.keys.prefix(failures.count - 50_000) { failures[key] = nil }
        }
    }

    private func prune(_ address: String, now: Date) -> [Date] {
        let recent = (failures[address] ?? []).filter { now.timeIntervalSince($0) < window }
        failures[address] = recent.isEmpty ? nil : recent
        return recent
    }
}
