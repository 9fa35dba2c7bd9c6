import Foundation
import Testing

@testable import Scheduling

@Suite("§2 Effective-dated fee schedule")
struct FeeScheduleTests {
    static let vendorZone = Zone.chicago
    static let schedule = try! FeeSchedule(versions: [
        .init(id: "2026-07", effectiveFrom: day("2026-07-01"), in: vendorZone, fees: [live60: .usd(180), live30: .usd(95)]),
        .init(
            id: "2026-01", effectiveFrom: day("2026-01-01"), in: vendorZone,
            fees: [live60: .usd(150), live30: .usd(80), phone30: .usd(60)]),
    ])

    @Test func versionTakesEffectAtMidnightInTheVendorsZone() {
        #expect(Self.schedule.versions.map(\.effectiveFrom) == [utc("2026-01-01T06:00:00Z"), utc("2026-07-01T05:00:00Z")])
    }

    @Test(
        arguments: [
            ("2026-07-01T04:59:59Z", "2026-01", 15_000),  // 11:59:59 PM on 30 June in Chicago, already July in UTC
            ("2026-07-01T05:00:00Z", "2026-07", 18_000),  // midnight in Chicago
            ("2026-07-01T05:00:01Z", "2026-07", 18_000),
            ("2026-01-01T05:59:59Z", nil, nil),  // before the first version
            ("2026-01-01T06:00:00Z", "2026-01", 15_000),
        ] as [(String, String?, Int?)])
    func quoteAt(instant: String, version: String?, cents: Int?) {
        let quote = Self.schedule.quote(live60, at: utc(instant))
        #expect(quote?.versionID == version)
        #expect(quote?.fee.cents == cents)
    }

    @Test func aTypeDroppedByTheNewVersionIsNoLongerOffered() {
        #expect(Self.schedule.quote(phone30, at: utc("2026-03-01T12:00:00Z"))?.fee == .usd(60))
        #expect(Self.schedule.quote(phone30, at: utc("2026-08-01T12:00:00Z")) == nil)
    }

    @Test func versionsMustNotCollide() {
        let instant = utc("2026-01-01T06:00:00Z")
        #expect(throws: SchedulingError.self) {
            try FeeSchedule(versions: [
                .init(id: "a", effectiveFrom: instant, fees: [:]), .init(id: "b", effectiveFrom: instant, fees: [:]),
            ])
        }
        #expect(throws: SchedulingError.self) {
            try FeeSchedule(versions: [
                .init(id: "a", effectiveFrom: instant, fees: [:]), .init(id: "a", effectiveFrom: instant.addingTimeInterval(1), fees: [:]),
            ])
        }
        #expect(throws: SchedulingError.self) {
            try FeeSchedule(versions: [.init(id: "a", effectiveFrom: instant, fees: [live60: Money(cents: -1)])])
        }
    }
}
