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
    public var signer: LinkSigner
    public var publicBaseURL: URL
    public var policy: Policy
    public var from: Mailbox
    public var replyTo: Mailbox?

    public init(eventBuilder: BookingEventBuilder, templates: NoticeTemplates, signer: LinkSigner, publicBaseURL: URL,
                policy: Policy, from: Mailbox, replyTo: Mailbox?) {
        self.eventBuilder = eventBuilder
        self.templates = templates
        self.signer = signer
        self.publicBaseURL = publicBaseURL
        self.policy = policy
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
        let join = showsJoin ? NoticeContent.Join(meetingURL: eventBuilder.meetingURL(for: booking), phone: eventBuilder.conferencePhone,
                                                  accessCode: eventBuilder.conferencePhone == nil ? nil : eventBuilder.accessCode(for: booking)) : nil
        let cutoff = CancellationCutoff(policy).cutoff(for: booking)
        let (links, linksExpire) = self.links(payload.kind, booking: booking, isEmergency: facts.stored.isEmergency, cutoff: cutoff, now: now)
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
            bookingReference: booking.id.rawValue,
            signature: from.name ?? "Support")
    }

    /// Reschedule and cancel links while the customer may still use them (they expire at
    /// the cutoff); an emergency placement gets a decline link instead, valid until its start.
    func links(_ kind: EmailKind, booking: Booking, isEmergency: Bool, cutoff: Date, now: Date) -> (NoticeContent.Links?, Date?) {
        guard booking.status.isActive else { return (nil, nil) }
        if isEmergency {
            guard kind == .emergencyPlacement || kind == .reminder, now < booking.start else { return (nil, nil) }
            return (NoticeContent.Links(decline: url(booking, .decline, until: booking.start)), nil)
        }
        guard [.confirmation, .reminder, .rescheduled].contains(kind), now < cutoff else { return (nil, nil) }
        return (NoticeContent.Links(reschedule: url(booking, .reschedule, until: cutoff), cancel: url(booking, .cancel, until: cutoff)), cutoff)
    }

    /// `<public_base_url>/b/<token>`: the page behind it asks before acting, because mail
    /// scanners open links to look at them.
    public func url(_ booking: Booking, _ action: LinkToken.Action, until expiry: Date) -> String {
        let token = signer.sign(LinkToken(bookingID: booking.id.rawValue, action: action, expires: expiry))
        return publicBaseURL.appendingPathComponent("b").appendingPathComponent(token).absoluteString
    }

    func calendar(_ payload: EmailPayload, facts: Facts, now: Date) throws -> ICalDocument? {
        let event = eventBuilder.event(for: facts.stored, company: facts.company, contact: facts.contact, staff: facts.staff, stamp: now)
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
