import Foundation
import Scheduling

/// Free slots as radio buttons grouped by day, in the contact's zone with the zone
/// named on every time: the slot picker of the booking and reschedule forms.
enum SlotChoices {
    /// At most this many choices on one page; a later "from" date shows the rest.
    static let limit = 200

    static func html(_ slots: [Slot], zone: TimeZone) -> String {
        var days: [(String, [String])] = []
        for (index, slot) in slots.prefix(limit).enumerated() {
            let day = CustomerTime.dateText(slot.start, in: zone)
            let option = "<label><input type=\"radio\" name=\"start\" value=\"\(slot.start.formatted(.iso8601))\"\(index == 0 ? " required" : "")> "
                + "\(CustomerTime.clockTime(slot.start, in: zone)) \(HTMLPage.escape(CustomerTime.zoneLabel(slot.start, in: zone)))</label>"
            if days.last?.0 == day { days[days.count - 1].1.append(option) } else { days.append((day, [option])) }
        }
        return days.map { "<fieldset><legend>\(HTMLPage.escape($0.0))</legend>\($0.1.joined(separator: "\n"))</fieldset>" }.joined(separator: "\n")
    }
}
