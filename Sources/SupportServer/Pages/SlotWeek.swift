import Foundation
import Scheduling

/// One week of free slots in the contact's zone: the slot picker of the booking and
/// reschedule forms. Grouped by day, each day's heading naming the zone once (its offset
/// can change mid-week), a day picker linking to each day with its count, and links to
/// the previous and next week. Every free slot of the week is shown: nothing is cut.
struct SlotWeek {
    static let length = 7
    /// The first day shown, in `zone`.
    let first: LocalDate
    let today: LocalDate
    let zone: TimeZone
    /// The last day anything can be booked (the booking horizon).
    let lastBookable: LocalDate

    init(from requested: LocalDate?, now: Date, zone: TimeZone, policy: Policy) {
        let clock = WallClock(zone)
        today = clock.localDate(of: now)
        lastBookable = clock.localDate(of: now.addingTimeInterval(policy.bookingHorizon))
        first = min(max(requested ?? today, today), lastBookable)
        self.zone = zone
    }

    var days: [LocalDate] { (0..<Self.length).map { first.adding(days: $0) } }

    /// From the start of the first day to the start of the day after the last, in `zone`
    /// (not 7 × 24 hours: a week with a DST change is an hour shorter or longer).
    var window: TimeRange {
        let clock = WallClock(zone)
        return TimeRange(start: clock.startOfDay(first), end: clock.startOfDay(first.adding(days: Self.length)))
    }

    var previous: LocalDate? { first > today ? max(first.adding(days: -Self.length), today) : nil }
    var next: LocalDate? { first.adding(days: Self.length) <= lastBookable ? first.adding(days: Self.length) : nil }

    /// The picker: week links (`link(date)` is the URL for the week from that date), day
    /// links, then one fieldset of radio buttons per day with free times.
    func html(_ slots: [Slot], selected: Date? = nil, link: (LocalDate) -> String) -> String {
        let clock = WallClock(zone)
        var byDay: [LocalDate: [Slot]] = [:]
        for slot in slots { byDay[clock.localDate(of: slot.start), default: []].append(slot) }
        let last = first.adding(days: Self.length - 1)
        var html = "<nav class=\"weeks\" aria-label=\"Weeks\">"
        html += previous.map { "<a href=\"\(HTMLPage.escape(link($0)))\">← Previous week</a>" } ?? "<span></span>"
        html +=
            "<span class=\"week\">\(HTMLPage.escape(CustomerTime.shortDateText(first))) – "
            + "\(HTMLPage.escape(CustomerTime.shortDateText(last))) \(last.year)</span>"
        html += next.map { "<a href=\"\(HTMLPage.escape(link($0)))\">Next week →</a>" } ?? "<span></span>"
        html += "</nav>\n<ul class=\"days\" aria-label=\"Days of this week\">"
        for day in days {
            let count = byDay[day]?.count ?? 0
            let label = "\(CustomerTime.shortDateText(day)): \(count == 0 ? "none free" : "\(count) free")"
            html += count == 0 ? "<li>\(HTMLPage.escape(label))</li>" : "<li><a href=\"#day-\(day)\">\(HTMLPage.escape(label))</a></li>"
        }
        html += "</ul>\n"
        var isFirst = true
        for day in days {
            guard let daySlots = byDay[day], let noon = daySlots.first?.start else { continue }
            html +=
                "<fieldset id=\"day-\(day)\"><legend>\(HTMLPage.escape(CustomerTime.dateText(day)))"
                + " <span class=\"zone\">\(HTMLPage.escape(CustomerTime.zoneLabel(noon, in: zone)))</span></legend><div class=\"times\">"
            for slot in daySlots {
                let value = slot.start.formatted(.iso8601)
                let checked = slot.start == selected ? " checked" : ""
                html +=
                    "<label><input type=\"radio\" name=\"start\" value=\"\(value)\"\(isFirst ? " required" : "")\(checked)> "
                    + "\(CustomerTime.clockTime(slot.start, in: zone))</label>"
                isFirst = false
            }
            html += "</div></fieldset>\n"
        }
        if slots.isEmpty {
            html += "<p class=\"notice\">No free times this week.\(next == nil ? "" : " Try the next week.")</p>"
        }
        return html
    }
}
