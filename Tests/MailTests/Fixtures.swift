import Foundation
import ICal
import TestSupport

@testable import Mail

/// Notices as the composer would hand them to the Mail layer, for tests that need one.
enum Fixtures {
    static let from = try! Mailbox(name: "Vendor Support", address: "support@vendor.example")
    static let date = SampleBooking.date("2026-12-01T12:00:00Z")

    static func content(name: String = "Eve Ørsted", company: String = "Ørsted Crating", links: NoticeContent.Links? = nil) -> NoticeContent
    {
        NoticeContent(
            recipientName: name, what: "60-minute live session",
            when: "9:00 AM UTC-6 (America/Chicago) on Tuesday, 3 November 2026", date: "Tuesday, 3 November 2026",
            time: "9:00 AM", zone: "UTC-6 (America/Chicago)", staffName: "Dana Whitfield", companyName: company,
            lead: "in 2 hours",
            join: .init(meetingURL: "https://meet.example/b-1", phone: "+1 555 0100", accessCode: "123456"),
            links: links ?? .init(reschedule: "https://support.example/b/r", cancel: "https://support.example/b/c"),
            cutoff: "7:55 AM UTC-6 (America/Chicago) on Tuesday, 3 November 2026",
            reinstatementFee: "$100.00", bookingReference: "b-1", signature: "Vendor Support")
    }

    static func message(
        kind: String = "confirmation", subjectName: String = "Eve", name: String = "Eve Ørsted",
        calendar: Bool = true
    ) throws -> MailMessage {
        let rendered = try NoticeTemplates().render(kind, content(name: subjectName))
        let email = NoticeEmail(rendered, calendar: calendar ? try SampleBooking.make().request() : nil)
        return try email.message(
            from: from, to: try Mailbox(name: name, address: "eve@orsted.example"), replyTo: nil,
            messageID: "m.1@supportcal", date: date)
    }
}
