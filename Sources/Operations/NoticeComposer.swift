import Foundation
import ICal
import Mail
import Scheduling
import Store

/// Turns an outbox email into the message the customer receives: the words from the
/// templates, every time in the contact's zone with the zone named, the joining details,
/// signed links, and the iTIP object when the notice changes their calendar.
///
/// The same composer serves delivery and `supportcal mail preview`, so a preview is
/// exactly what would be sent.
public struct NoticeComposer: Sendable {
    public var eventBuilder: BookingEventBuilder
    public var templates: NoticeTemplates
    public var links: CustomerLinks
    public var policy: Policy { links.policy }
    public var from: Mailbox
    public var replyTo: Mailbox?

    public init(
        eventBuilder: BookingEventBuilder, templates: NoticeTemplates, signer: LinkSigner, publicBaseURL: URL,
        policy: Policy, from: Mailbox, replyTo: Mailbox?
    ) {
        self.eventBuilder = eventBuilder
        self.templates = templates
        self.links = CustomerLinks(signer: signer, publicBaseURL: publicBaseURL, policy: policy)
        self.from = from
        self.replyTo = replyTo
    }

    /// What a notice is about, read from the store at delivery time.
    public struct Facts: Sendable {
        public var stored: StoredBooking
        public var company: Company
        public var contact: Contact
        public var staff: Staff

        public init(stored: StoredBooking, company: Company, contact: Contact, staff: Staff) {
            self.stored = stored
            self.company = company
            self.contact = contact
            self.staff = staff
        }

        public var booking: Booking { stored.booking }
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public func message(_ payload: EmailPayload, facts: Facts, messageID: String, now: Date) throws(Failure) -> MailMessage {
        let recipient: Mailbox
        do {
            recipient = try Mailbox(name: facts.contact.name, address: facts.contact.email)
        } catch {
            throw Failure(description: "contact \(facts.contact.id.rawValue): \(error)")
        }
        let email = try notice(payload, facts: facts, now: now)
        do {
            return try email.message(from: from, to: recipient, replyTo: replyTo, messageID: messageID, date: now)
        } catch {
            throw Failure(description: error.description)
        }
    }

    public func notice(_ payload: EmailPayload, facts: Facts, now: Date) throws(Failure) -> NoticeEmail {
        let rendered: NoticeTemplates.Rendered
        do {
            rendered = try templates.render(payload.kind.rawValue, content(payload, facts: facts, now: now))
        } catch {
            throw Failure(description: error.description)
        }
        do {
            return NoticeEmail(rendered, calendar: try calendar(payload, facts: facts, now: now))
        } catch {
            throw Failure(description: "the calendar object cannot be built: \(error)")
        }
    }

    func content(_ payload: EmailPayload, facts: Facts, now: Date) -> NoticeContent {
        let booking = facts.booking
        let zone = facts.contact.timeZone
        let showsJoin = [.confirmation, .reminder, .rescheduled, .emergencyPlacement].contains(payload.kind)
        let join =
            showsJoin
            ? NoticeContent.Join(
                meetingURL: eventBuilder.meetingURL(for: booking), phone: eventBuilder.conferencePhone,
                accessCode: eventBuilder.conferencePhone == nil ? nil : eventBuilder.accessCode(for: booking)) : nil
        let (links, linksExpire) = self.links(payload.kind, booking: booking, isEmergency: facts.stored.isEmergency, now: now)
        return NoticeContent(
            recipientName: facts.contact.name,
            what: booking.sessionType.description,
            when: CustomerTime.describe(booking.start, in: zone),
            date: CustomerTime.dateText(booking.start, in: zone),
            time: CustomerTime.clockTime(booking.start, in: zone),
            zone: CustomerTime.zoneLabel(booking.start, in: zone),
            previousWhen: payload.previousStart.map { CustomerTime.describe($0, in: zone) },
            staffName: facts.staff.name,
            companyName: facts.company.name,
            lead: payload.leadMinutes.map(Self.lead),
            join: join,
            links: links,
            cutoff: linksExpire.map { CustomerTime.describe($0, in: zone) },
            cancelledByStaff: booking.status == .cancelledByStaff,
            reinstatementFee: payload.kind == .suspension ? policy.reinstatementFee.description : nil,
            price: showsJoin && payload.kind != .reminder ? booking.charge.customerText : nil,
            notRefundable: showsJoin && payload.kind != .reminder && booking.charge.isPaid,
            viewURL: self.links.view(booking),
            bookingReference: booking.id.rawValue,
            signature: from.name ?? "Support")
    }

    /// The links this kind of email carries (session notices only), and when the
    /// reschedule and cancel links stop working, to say so.
    func links(_ kind: EmailKind, booking: Booking, isEmergency: Bool, now: Date) -> (NoticeContent.Links?, Date?) {
        let carriesLinks: Set<EmailKind> = isEmergency ? [.emergencyPlacement, .reminder] : [.confirmation, .reminder, .rescheduled]
        guard carriesLinks.contains(kind) else { return (nil, nil) }
        var result = NoticeContent.Links()
        var expiry: Date?
        for (action, expires) in links.actions(for: booking, isEmergency: isEmergency, now: now) {
            let url = links.url(booking, action, until: expires)
            switch action {
            case .reschedule: result.reschedule = url
            case .cancel: result.cancel = url
            case .decline: result.decline = url
            case .view: break
            }
            if action != .decline { expiry = expires }
        }
        return (result.isEmpty ? nil : result, expiry)
    }

    func calendar(_ payload: EmailPayload, facts: Facts, now: Date) throws -> ICalDocument? {
        let event = eventBuilder.event(
            for: facts.stored, company: facts.company, contact: facts.contact, staff: facts.staff, stamp: now,
            audience: .customer(viewURL: links.view(facts.booking)))
        switch payload.kind {
        case .confirmation, .rescheduled, .emergencyPlacement: return try event.request()
        case .cancelled: return try event.cancellation()
        case .reminder, .noShow, .suspension, .reinstatement: return nil
        }
    }

    static func lead(_ minutes: Int) -> String {
        minutes % 60 == 0 ? "in \(minutes / 60) hour\(minutes == 60 ? "" : "s")" : "in \(minutes) minutes"
    }
}
