import Foundation
import ICal

/// One notice to a customer as an email: the rendered words and, when the notice changes
/// the customer's calendar, the iTIP object (RFC 6047 iMIP).
///
/// With a calendar object the body is what Gmail, Outlook, Apple Mail and Thunderbird
/// all recognise as an invitation:
///
///     multipart/mixed
///       multipart/alternative
///         text/plain
///         text/html
///         text/calendar; charset=UTF-8; method=REQUEST   (method = the METHOD property)
///       application/ics; name="invite.ics"                (for clients that only import files)
///
/// Reminders and account notices carry no calendar object, so calendars are not updated
/// twice; their body is the multipart/alternative alone, and they are marked
/// `Auto-Submitted` (RFC 3834) so vacation responders stay quiet. Invitations are not
/// marked: iMIP consumers such as Xandikos skip auto-submitted messages.
public struct NoticeEmail: Sendable {
    public var rendered: NoticeTemplates.Rendered
    public var calendar: ICalDocument?

    public init(_ rendered: NoticeTemplates.Rendered, calendar: ICalDocument?) {
        self.rendered = rendered
        self.calendar = calendar
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public func message(from: Mailbox, to: Mailbox, replyTo: Mailbox?, messageID: String, date: Date) throws(Failure) -> MailMessage {
        let alternatives = [MIMEPart.text(rendered.text), MIMEPart.text(rendered.html, subtype: "html")]
        guard let calendar else {
            return MailMessage(
                from: from, to: [to], replyTo: replyTo, subject: rendered.subject, messageID: messageID, date: date,
                extraHeaders: [("Auto-Submitted", "auto-generated")], body: MIMEPart(multipart: "alternative", alternatives))
        }
        guard let method = calendar.method?.uppercased(), ["REQUEST", "CANCEL", "REPLY", "PUBLISH"].contains(method) else {
            throw Failure(description: "the calendar object has no iTIP METHOD, so no client would treat it as an invitation")
        }
        let ics = Array(calendar.text.utf8)
        let invitation = MIMEPart(contentType: "text/calendar; charset=UTF-8; method=\(method)", bytes: ics, encoding: .base64)
        let attachment = MIMEPart(
            contentType: "application/ics; name=\"invite.ics\"", bytes: ics, encoding: .base64,
            headers: [("Content-Disposition", "attachment; filename=\"invite.ics\"")])
        let body = MIMEPart(multipart: "mixed", [MIMEPart(multipart: "alternative", alternatives + [invitation]), attachment])
        return MailMessage(from: from, to: [to], replyTo: replyTo, subject: rendered.subject, messageID: messageID, date: date, body: body)
    }
}
