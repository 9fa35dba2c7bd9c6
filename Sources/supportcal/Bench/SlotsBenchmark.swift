import Foundation
import Scheduling

/// Times `SlotFinder.slots` on generated data: the figures behind "single-digit
/// milliseconds, near-linear growth" for the slot listing. The data is generated from a
/// fixed seed, so two runs time the same work.
struct SlotsBenchmark {
    struct Result: Sendable, CustomStringConvertible {
        var staff: Int
        var days: Int
        var busy: Int
        var bookings: Int
        var iterations: Int
        var slots: Int
        var medianMilliseconds: Double
        var p95Milliseconds: Double

        var description: String {
            "staff \(staff), days \(days), busy \(busy), bookings \(bookings): "
                + "median \(Self.format(medianMilliseconds)) ms, p95 \(Self.format(p95Milliseconds)) ms "
                + "(\(slots) slots, \(iterations) runs)"
        }

        static func format(_ value: Double) -> String {
            let hundredths = Int((value * 100).rounded())
            let fraction = hundredths % 100
            return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
        }
    }

    /// One configuration: generates the data, runs the query once to warm up, then
    /// `iterations` timed queries for a 60-minute live session over the whole window.
    static func run(staff: Int, days: Int, busy: Int, bookings: Int, iterations: Int) -> Result {
        var rng = SplitMix64(seed: 0x5EED_CA1 ^ UInt64(staff &* 31 &+ days &* 7 &+ busy &+ bookings))
        let windowStart = Date(timeIntervalSince1970: 1_790_812_800)  // 2026-10-01T00:00:00Z
        let window = TimeRange(start: windowStart, duration: TimeInterval(days) * 86_400)
        let zones = ["America/Chicago", "Europe/Berlin", "Australia/Lord_Howe", "America/New_York", "Asia/Kolkata"]
            .map { TimeZone(identifier: $0)! }
        let hours = try! WeeklyHours.same([TimeOfDayRange("09:00-12:00")!, TimeOfDayRange("13:00-17:00")!])

        let members = (0..<staff).map { i in
            Staff(key: StaffKey(String(format: "staff-%04d", i)), name: "Staff \(i)", timeZone: zones[i % zones.count], weeklyHours: hours)
        }
        let quarterHours = days * 96
        var busyByStaff: [StaffKey: [TimeRange]] = [:]
        for _ in 0..<busy {
            let member = members[Int(rng.next() % UInt64(staff))].key
            let start = windowStart.addingTimeInterval(TimeInterval(Int(rng.next() % UInt64(quarterHours)) * 900))
            let length = TimeInterval((1 + Int(rng.next() % 8)) * 900)
            busyByStaff[member, default: []].append(TimeRange(start: start, duration: length))
        }
        let type = SessionType(.liveSession, minutes: 60)
        let charge = Charge(basis: .feeSchedule, amount: .usd(150), feeScheduleVersion: "bench")
        let booked = (0..<bookings).map { i in
            Booking(
                id: BookingID("b-\(i)"), companyID: "c", contactID: "p",
                sessionType: rng.next() % 2 == 0 ? type : SessionType(.phoneSupport, minutes: 30),
                start: windowStart.addingTimeInterval(TimeInterval(Int(rng.next() % UInt64(quarterHours)) * 900)),
                staff: members[Int(rng.next() % UInt64(staff))].key, charge: charge,
                bookedAt: windowStart.addingTimeInterval(-86_400))
        }
        let availability = Availability(staff: members, busy: busyByStaff, bookings: booked)
        let finder = SlotFinder(policy: .default)
        let now = windowStart.addingTimeInterval(-86_400)

        var slotCount = finder.slots(for: type, in: window, availability: availability, now: now).count
        let clock = ContinuousClock()
        var samples: [Double] = []
        samples.reserveCapacity(iterations)
        for _ in 0..<max(1, iterations) {
            let elapsed = clock.measure {
                slotCount = finder.slots(for: type, in: window, availability: availability, now: now).count
            }
            samples.append(milliseconds(elapsed))
        }
        samples.sort()
        let median = samples[samples.count / 2]
        let p95 = samples[min(samples.count - 1, Int((Double(samples.count) * 0.95).rounded(.up)) - 1)]
        return Result(
            staff: staff, days: days, busy: busy, bookings: bookings, iterations: samples.count,
            slots: slotCount, medianMilliseconds: median, p95Milliseconds: p95)
    }

    /// The baseline (25 staff, 60 days, 5,000 busy intervals, 1,000 bookings) and each of
    /// staff, days and busy intervals doubled on its own.
    static func scalingTable(iterations: Int = 50) -> [Result] {
        [
            run(staff: 25, days: 60, busy: 5_000, bookings: 1_000, iterations: iterations),
            run(staff: 50, days: 60, busy: 5_000, bookings: 1_000, iterations: iterations),
            run(staff: 25, days: 120, busy: 5_000, bookings: 1_000, iterations: iterations),
            run(staff: 25, days: 60, busy: 10_000, bookings: 1_000, iterations: iterations),
        ]
    }

    private static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1_000 + Double(attoseconds) / 1e15
    }
}

/// SplitMix64: tiny, fast and identical on every platform, unlike the system generator.
private struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
