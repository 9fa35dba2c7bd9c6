import Foundation
import TestSupport
import Testing

@testable import Scheduling

@Suite("§2 Maintenance codes")
struct MaintenanceCodeTests {
    let hasher = FakeHasher()
    let issued = utc("2026-01-05T10:00:00Z")

    @Test(arguments: [
        ("CRATE-7731", true), ("crate 7731", true), (" CRATE7731 ", true), ("CRATE-7732", false), ("", false), ("CRATE-773", false),
    ])
    func matchesTheCodeAsPeopleTypeIt(candidate: String, matches: Bool) throws {
        let code = try MaintenanceCode.issue(code: "CRATE-7731", salt: saltA, hasher: hasher, at: issued)
        #expect(code.matches(candidate, hasher: hasher) == matches)
    }

    @Test func storesNoCodeAndNeverPrintsIt() throws {
        let code = try MaintenanceCode.issue(code: "CRATE-7731", salt: saltA, hasher: hasher, at: issued)
        for text in [code.description, code.debugDescription, String(describing: code), String(reflecting: code), "\(code)"] {
            #expect(!text.contains("7731"))
            #expect(!text.uppercased().contains("CRATE"))
        }
        let json = String(decoding: try JSONEncoder().encode(code), as: UTF8.self)
        #expect(!json.contains("7731") && !json.uppercased().contains("CRATE"))
    }

    @Test func rotationRefusesTheOldCode() throws {
        let old = try MaintenanceCode.issue(code: "CRATE-7731", salt: saltA, hasher: hasher, at: issued)
        let new = try old.rotated(to: "PALLET-0042", salt: saltB, hasher: hasher, at: issued.addingTimeInterval(86_400))
        #expect(!new.matches("CRATE-7731", hasher: hasher))
        #expect(new.matches("PALLET-0042", hasher: hasher))
        #expect(new.salt != old.salt)
        #expect(new.issuedAt == issued.addingTimeInterval(86_400))
    }

    @Test func rotationNeedsAFreshSalt() throws {
        let old = try MaintenanceCode.issue(code: "CRATE-7731", salt: saltA, hasher: hasher, at: issued)
        #expect(throws: SchedulingError.self) { try old.rotated(to: "PALLET-0042", salt: saltA, hasher: hasher, at: issued) }
    }

    @Test func sameCodeDifferentSaltGivesDifferentDigests() throws {
        let a = try MaintenanceCode.issue(code: "CRATE-7731", salt: saltA, hasher: hasher, at: issued)
        let b = try MaintenanceCode.issue(code: "CRATE-7731", salt: saltB, hasher: hasher, at: issued)
        #expect(a.digest != b.digest)
    }

    @Test(
        arguments: [
            ([1, 2, 3], [1, 2, 3], true), ([1, 2, 3], [1, 2, 4], false), ([9, 2, 3], [1, 2, 3], false), ([1, 2], [1, 2, 0], false),
            ([], [], true),
        ] as [([UInt8], [UInt8], Bool)])
    func constantTimeComparison(a: [UInt8], b: [UInt8], equal: Bool) {
        #expect(MaintenanceCode.constantTimeEqual(a, b) == equal)
    }

    @Test func weakInputsAreRejected() {
        #expect(throws: SchedulingError.self) {
            try MaintenanceCode.issue(code: "CRATE-7731", salt: [1, 2, 3], hasher: hasher, at: issued)
        }
        #expect(throws: SchedulingError.self) { try MaintenanceCode.issue(code: "123", salt: saltA, hasher: hasher, at: issued) }
    }
}

@Suite("§2 Wrong-code rate limit")
struct CodeAttemptLimiterTests {
    let now = utc("2026-11-03T15:00:00Z")
    let limiter = CodeAttemptLimiter(limit: 5, window: 15 * 60)

    func attempts(minutesAgo: [Int]) -> [Date] { minutesAgo.map { now.addingTimeInterval(-minutes($0)) } }

    @Test(arguments: [(0, true, 5), (4, true, 1), (5, false, 0), (7, false, 0)])
    func fiveWrongCodesIn15MinutesBlock(count: Int, allowed: Bool, remaining: Int) {
        let decision = limiter.check(wrongAttempts: attempts(minutesAgo: Array(repeating: 1, count: count)), now: now, zone: Zone.chicago)
        #expect(decision.isAccepted == allowed)
        if allowed { #expect(decision.value == remaining) } else { #expect(decision.rule == .codeRateLimited) }
    }

    @Test func attemptsOlderThanTheWindowDoNotCount() {
        #expect(limiter.check(wrongAttempts: attempts(minutesAgo: [15, 16, 20, 30, 60, 2]), now: now, zone: Zone.chicago).isAccepted)
        #expect(!limiter.check(wrongAttempts: attempts(minutesAgo: [14, 13, 12, 11, 2]), now: now, zone: Zone.chicago).isAccepted)
    }

    @Test func refusalSaysWhenToTryAgain() {
        // Oldest of the five at 14:50Z ages out at 15:05Z = 9:05 AM CST.
        let decision = limiter.check(wrongAttempts: attempts(minutesAgo: [10, 8, 6, 4, 2]), now: now, zone: Zone.chicago)
        #expect(
            decision.reason
                == "The maintenance code was entered wrongly 5 times within 15 minutes; please try again after 9:05 AM UTC-6 "
                + "(America/Chicago) on Tuesday, 3 November 2026."
        )
    }

    @Test func theCompanyWideDefaultIsFarAboveThePerAddressOne() {
        // One visitor's five wrong codes (the service's per-address limit) must not lock
        // every contact of the company out of code booking.
        #expect(CodeAttemptLimiter(.default).limit == 50)
        #expect(
            CodeAttemptLimiter(.default).check(wrongAttempts: attempts(minutesAgo: [5, 4, 3, 2, 1]), now: now, zone: Zone.chicago)
                .isAccepted)
    }

    @Test func blockLiftsExactlyWhenAnAttemptAgesOut() {
        let history = attempts(minutesAgo: [10, 8, 6, 4, 2])
        #expect(!limiter.check(wrongAttempts: history, now: utc("2026-11-03T15:04:59Z"), zone: Zone.chicago).isAccepted)
        #expect(limiter.check(wrongAttempts: history, now: utc("2026-11-03T15:05:00Z"), zone: Zone.chicago).isAccepted)
    }
}
