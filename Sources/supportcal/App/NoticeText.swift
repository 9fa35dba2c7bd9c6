import Foundation
import ICal
import Operations
import Scheduling
import Store

/// The subject, body and calendar part of each email, with every time shown in the
/// contact's zone, the zone named.
struct NoticeText {
    let payload: EmailPayload
    let stored: StoredBooking
    let company: Company
    let contact: Contact
    let staff: Staff
    let context: AppContext

    var booking: Booking { stored.booking }
    var when: String { CustomerTime.describe(booking.start, in: contact.timeZone) }
    var what: String { booking.sessionType.description }

    var subject: String {
        switch payload.kind {
        case .confirmation: "Confirmed: \(what) on \(CustomerTime.dateText(booking.start, in: contact.timeZone))"
        case .reminder: "Reminder: \(what) \(leadText) (\(CustomerTime.clockTime(booking.start, in: contact.timeZone)))"
        case .rescheduled: "Moved: \(what) now on \(CustomerTime.dateText(booking.start, in: contact.timeZone))"
        case .cancelled: "Cancelled: \(what) on \(CustomerTime.dateText(booking.start, in: contact.timeZone))"
        case .emergencyPlacement: "Emergency session at \(CustomerTime.clockTime(booking.start, in: contact.timeZone)), \(CustomerTime.dateText(booking.start, in: contact.timeZone))"
        case .noShow: "Missed session on \(CustomerTime.dateText(booking.start, in: contact.timeZone))"
        case .suspension: "Online booking of free sessions is suspended for \(company.name)"
        case .reinstatement: "Online booking restored for \(company.name)"
        }
    }

    var leadText: String {
        guard let minutes = payload.leadMinutes else { return "soon" }
        return minutes % 60 == 0 ? "in \(minutes / 60) hour\(minutes == 60 ? "" : "s")" : "in \(minutes) minutes"
    }

    var joinLines: [String] {
        let builder = context.eventBuilder
        var lines: [String] = []
        if let url = builder.meetingURL(for: booking) { lines.append("Join online: \(url)") }
        if let phone = builder.conferencePhone { lines.append("Or call \(phone), access code \(builder.accessCode(for: booking)).") }
        return lines
    }

    var body: String {
        var lines = ["Hello \(contact.name),", ""]
        switch payload.kind {
        case .confirmation:
            lines += ["Your \(what) with \(staff.name) is booked for \(when)."]
            lines += [""] + joinLines
            lines += ["", "You can cancel or move it until 65 minutes before it starts."]
        case .reminder:
            lines += ["A reminder: your \(what) starts \(when)."] + [""] + joinLines
        case .rescheduled:
            lines += ["Your \(what) has moved to \(when)."] + [""] + joinLines
        case .cancelled:
            lines += ["Your \(what) on \(when) is cancelled."]
            if booking.status == .cancelledByStaff { lines += ["We are sorry: it was cancelled by our staff; we will be in touch about a new time."] }
        case .emergencyPlacement:
            lines += ["We have placed your emergency session at \(when).", "If you cannot make it, reply at once so we can give the time to someone else."] + [""] + joinLines
        case .noShow:
            lines += ["Nobody from \(company.name) joined the \(what) booked for \(when), so it was closed 10 minutes after its start."]
        case .suspension:
            lines += ["\(company.name) has missed two free sessions, so online booking of free sessions is suspended.",
                      "It is restored once the reinstatement fee of \(context.policy.reinstatementFee) is paid. Paid sessions can still be booked."]
        case .reinstatement:
            lines += ["The reinstatement payment for \(company.name) is recorded: free sessions can be booked online again."]
        }
        lines += ["", "Booking reference: \(booking.id.rawValue)", "", "— \(context.configuration.mail.fromName ?? "Support")"]
        return lines.joined(separator: "\n")
    }

    func calendar() throws -> ICalDocument? {
        let event = context.eventBuilder.event(for: stored, company: company, contact: contact, staff: staff, stamp: context.now)
        switch payload.kind {
        case .confirmation, .rescheduled, .emergencyPlacement: return try event.request()
        case .cancelled: return try event.cancellation()
        default: return nil
        }
    }
}
