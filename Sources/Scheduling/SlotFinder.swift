import Foundation

/// §3: the slots a customer may book. A slot is a start on the policy's step grid,
/// inside one staff member's working hours for its whole length, clear of that staff
/// member's busy time and of other bookings (padded by the buffer), and at least the
/// minimum notice after `now`.
///
/// The window selects slots by **start**: `[from, to)` lists slots starting in it, even
/// if they end after `to`, so a day's listing shows the 23:30 slot.
///
/// One query works per staff member in a single pass: working time for the window,
/// then busy time and bookings sorted and merged once, subtracted in one sweep, then
/// grid starts walked inside the free intervals. The per-staff results are merged by
/// a counting sort on the grid index, so the cost is linear in staff × days plus
/// n log n in the busy intervals of each staff member.
public struct SlotFinder: Sendable {
    public var policy: Policy

    public init(policy: Policy = .default) {
        self.policy = policy
    }

    /// The bookable slots for `type` starting in `window`, sorted by start.
    public func slots(for type: SessionType, in window: TimeRange, availability: Availability, now: Date) -> [Slot] {
        slots(duration: type.duration, in: window, availability: availability, now: now, excluding: nil)
    }

    /// What customers are offered: `slots`, but none starting at or beyond the booking
    /// horizon (booking refuses those too: `BookingDecider`).
    public func offered(for type: SessionType, in window: TimeRange, availability: Availability, now: Date) -> [Slot] {
        let limit = now.addingTimeInterval(policy.bookingHorizon)
        guard window.start < limit else { return [] }
        return slots(for: type, in: TimeRange(start: window.start, end: min(window.end, limit)), availability: availability, now: now)
    }

    /// The staff free for exactly `range` under the same rules as `slots` (grid, working
    /// hours, busy time, bookings, buffer, minimum notice). Booking and rescheduling use
    /// this so a slot that was offered and then taken is refused (§3: racing customers
    /// get exactly one booking). `excluding` ignores a booking being moved.
    public func freeStaff(for range: TimeRange, availability: Availability, now: Date, excluding: BookingID? = nil) -> [StaffKey] {
        let probe = TimeRange(start: range.start, end: range.start.addingTimeInterval(1))
        let found = slots(duration: range.duration, in: probe, availability: availability, now: now, excluding: excluding)
        return found.first { $0.start == range.start }?.staff ?? []
    }

    /// Free time of one staff member inside `window` (working hours minus busy time and
    /// bookings with their buffer), ignoring the grid and the minimum notice. Emergencies
    /// and return calls fit into these gaps.
    public func freeTime(of staff: Staff, in window: TimeRange, availability: Availability, excluding: BookingID? = nil) -> [TimeRange] {
        let span = Span(start: Span.floor(window.start), end: Span.ceil(window.end))
        let booked = bookedSpans(availability.bookings, in: span, excluding: excluding)
        return freeSpans(of: staff, in: span, busy: availability.busy[staff.key] ?? [], booked: booked[staff.key] ?? [])
            .compactMap { free -> TimeRange? in
                let start = max(free.start, span.start)
                let end = min(free.end, span.end)
                guard start < end else { return nil }
                return TimeRange(
                    start: Date(timeIntervalSince1970: TimeInterval(start)), end: Date(timeIntervalSince1970: TimeInterval(end)))
            }
    }

    /// Whether anyone works for the whole of `range`, busy or not: tells "outside
    /// working hours" from "taken" in a refusal.
    public func anyoneWorks(during range: TimeRange, availability: Availability) -> Bool {
        availability.staff.contains { staff in
            staff.workingTime(overlapping: range).contains { $0.contains(range) }
        }
    }

    func slots(duration: TimeInterval, in window: TimeRange, availability: Availability, now: Date, excluding: BookingID?) -> [Slot] {
        let step = max(60, Int(policy.slotStep))
        let length = Int(duration.rounded(.up))
        let from = Span.ceil(window.start)
        let to = Span.ceil(window.end)
        guard length > 0, from < to else { return [] }
        let earliest = max(from, Span.ceil(now.addingTimeInterval(policy.minimumNotice)))
        // Slots starting before `to` may run until `to + length`.
        let reach = Span(start: from, end: to + length)
        let origin = floorDiv(from, step) * step
        let slotCount = (to - origin + step - 1) / step

        let staff = availability.staff.sorted { $0.key < $1.key }
        let booked = bookedSpans(availability.bookings, in: reach, excluding: excluding)

        // (grid index, staff index) pairs, staff in key order.
        var slotIndices: [Int32] = []
        var staffIndices: [Int32] = []
        slotIndices.reserveCapacity(slotCount)
        staffIndices.reserveCapacity(slotCount)
        for (staffIndex, member) in staff.enumerated() {
            let free = freeSpans(of: member, in: reach, busy: availability.busy[member.key] ?? [], booked: booked[member.key] ?? [])
            for interval in free {
                var start = max(interval.start, earliest)
                start = ceilDiv(start - origin, step) * step + origin
                let last = min(interval.end - length, to - 1)
                while start <= last {
                    slotIndices.append(Int32((start - origin) / step))
                    staffIndices.append(Int32(staffIndex))
                    start += step
                }
            }
        }
        guard !slotIndices.isEmpty else { return [] }

        // Counting sort by grid index; stable, so staff stay in key order within a slot.
        var counts = [Int](repeating: 0, count: slotCount + 1)
        for index in slotIndices { counts[Int(index) + 1] += 1 }
        for i in 0..<slotCount { counts[i + 1] += counts[i] }
        var ordered = [Int32](repeating: 0, count: staffIndices.count)
        var next = counts
        for (index, member) in zip(slotIndices, staffIndices) {
            ordered[next[Int(index)]] = member
            next[Int(index)] += 1
        }

        var result: [Slot] = []
        for index in 0..<slotCount where counts[index + 1] > counts[index] {
            let start = Date(timeIntervalSince1970: TimeInterval(origin + index * step))
            let keys = ordered[counts[index]..<counts[index + 1]].map { staff[Int($0)].key }
            result.append(Slot(start: start, end: start.addingTimeInterval(TimeInterval(length)), staff: keys))
        }
        return result
    }

    /// Bookings holding staff time, padded by the buffer, grouped by staff.
    private func bookedSpans(_ bookings: [Booking], in window: Span, excluding: BookingID?) -> [StaffKey: [Span]] {
        let buffer = Int(policy.bufferBetweenSessions.rounded(.up))
        var result: [StaffKey: [Span]] = [:]
        for booking in bookings where booking.status.occupiesStaff && booking.id != excluding {
            let span = Span(start: Span.floor(booking.start) - buffer, end: Span.ceil(booking.end) + buffer)
            guard span.start < window.end, span.end > window.start else { continue }
            result[booking.staff, default: []].append(span)
        }
        return result
    }

    /// Working time minus blocked time for one staff member, as sorted disjoint spans.
    private func freeSpans(of staff: Staff, in window: Span, busy: [TimeRange], booked: [Span]) -> [Span] {
        let range = TimeRange(
            start: Date(timeIntervalSince1970: TimeInterval(window.start)), end: Date(timeIntervalSince1970: TimeInterval(window.end)))
        let working = staff.workingTime(overlapping: range)
        guard !working.isEmpty else { return [] }

        var blocked = booked
        blocked.reserveCapacity(booked.count + busy.count)
        for interval in busy {
            let span = Span(start: Span.floor(interval.start), end: Span.ceil(interval.end))
            if span.start < window.end, span.end > window.start, span.start < span.end { blocked.append(span) }
        }
        blocked.sort { $0.start < $1.start }
        var merged: [Span] = []
        merged.reserveCapacity(blocked.count)
        for span in blocked {
            if let last = merged.last, span.start <= last.end {
                merged[merged.count - 1].end = max(last.end, span.end)
            } else {
                merged.append(span)
            }
        }

        var free: [Span] = []
        var j = 0
        for work in working {
            var cursor = Span.floor(work.start)
            let end = Span.ceil(work.end)
            while j < merged.count, merged[j].end <= cursor { j += 1 }
            var k = j
            while k < merged.count, merged[k].start < end {
                if merged[k].start > cursor { free.append(Span(start: cursor, end: merged[k].start)) }
                cursor = max(cursor, merged[k].end)
                k += 1
            }
            if cursor < end { free.append(Span(start: cursor, end: end)) }
        }
        return free
    }
}

/// Whole seconds since 1970: the sweep compares integers, not `Date`s.
struct Span: Hashable {
    var start: Int
    var end: Int

    static func floor(_ date: Date) -> Int { Int(date.timeIntervalSince1970.rounded(.down)) }
    static func ceil(_ date: Date) -> Int { Int(date.timeIntervalSince1970.rounded(.up)) }
}

func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }
func ceilDiv(_ a: Int, _ b: Int) -> Int { -floorDiv(-a, b) }
