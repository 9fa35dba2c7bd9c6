import Curl
import Foundation
import ICal
import Logging
import Mail
import Operations
import Scheduling
import Store
import Sync

/// Carries due outbox items out: calendar writes to staff calendars, emails to the
/// Maildir or SMTP server. Each item is claimed, delivered, then marked in its own
/// transaction, so a crash at any point loses nothing (see `Outbox.swift` in Store).
struct OutboxDeliverer {
    let context: AppContext
    /// Given by a long-running caller (the service builds it once); otherwise built on the
    /// first email of the run, so a run with no email reads no templates or key.
    private let mail: MailSetup?

    init(context: AppContext, mail: MailSetup? = nil) {
        self.context = context
        self.mail = mail
    }

    /// What sending email needs. A broken setting (templates, key, an address, a missing
    /// SMTP secret) is kept as the error: every email stays queued with the reason, to go
    /// out once it is fixed, while calendar writes go on.
    struct MailSetup: Sendable {
        let ready: Result<(composer: NoticeComposer, transport: MailTransport), any Error>

        init(_ context: AppContext) {
            ready = Result { (try context.composer(), try context.mailTransport()) }
        }
    }

    struct Summary: Encodable {
        var delivered = 0
        var retrying = 0
        var failed = 0
        var problems: [String] = []
    }

    /// Delivers what is due: everything, or only one booking's items (`bookingID`) or one
    /// return call's (`returnCall`), as a command does for the change it just made.
    func deliverDue(bookingID: BookingID? = nil, returnCall: String? = nil) async throws -> Summary {
        let only = bookingID != nil || returnCall != nil
        let selected: @Sendable (OutboxItem) -> Bool = { item in
            if let bookingID { return item.bookingID == bookingID }
            if let returnCall { return item.kind == .calendarReturnCall && item.payload == returnCall }
            return true
        }
        let store = context.store
        let now = context.now
        var summary = Summary()
        var mail = self.mail
        while true {
            let batch = try await store.write { tx in
                let due = try tx.dueOutbox(now: now, limit: 50)
                return try due.filter(selected).compactMap { try tx.claimOutboxItem($0.id, now: now) }
            }
            if batch.isEmpty { break }
            for item in batch {
                if item.kind == .email, mail == nil { mail = MailSetup(context) }
                let outcome = await deliver(item, mail: mail)
                switch outcome {
                case .delivered:
                    try await store.write { tx in try tx.markDelivered(item.id, at: now) }
                    summary.delivered += 1
                case .retry(let message), .failed(let message):
                    let permanent = { if case .failed = outcome { true } else { false } }()
                    let after = try await store.write { tx in try tx.markFailed(item.id, error: message, at: now, permanent: permanent) }
                    if after.status == .failed { summary.failed += 1 } else { summary.retrying += 1 }
                    summary.problems.append("\(item.kind.rawValue) \(item.bookingID?.rawValue ?? "") → \(item.target): \(message)")
                    context.logger.warning(
                        "outbox delivery failed",
                        metadata: ["outbox.id": "\(item.id)", "outbox.kind": "\(item.kind.rawValue)", "error.message": "\(message)"])
                }
            }
            if only { break }
        }
        return summary
    }

    private func deliver(_ item: OutboxItem, mail: MailSetup?) async -> CalendarDelivery.Outcome {
        do {
            switch item.kind {
            case .calendarPut, .calendarDelete:
                return try await deliverCalendar(item)
            case .calendarReturnCall:
                return try await deliverReturnCall(item)
            case .email:
                guard let mail else { return .retry("email settings were not loaded") }
                return try await deliverEmail(item, mail: mail)
            default:
                return .failed("unknown outbox kind \(item.kind.rawValue)")
            }
        } catch {
            return .retry("\(error)")
        }
    }

    private func bookingFacts(_ id: BookingID) async throws -> (StoredBooking, Company, Contact)? {
        try await context.store.read { tx in
            guard let stored = try tx.storedBooking(id) else { return nil }
            return (stored, try tx.requireCompany(stored.booking.companyID), try tx.requireContact(stored.booking.contactID))
        }
    }

    private func deliverCalendar(_ item: OutboxItem) async throws -> CalendarDelivery.Outcome {
        let staffKey = StaffKey(item.target)
        guard let calendar = context.calendar(for: staffKey) else {
            return .retry(
                "staff \(item.target) has no calendar this build can write (CalDAV calendars are written by `supportcal sync` once it lands)"
            )
        }
        guard let bookingID = item.bookingID, let (stored, company, contact) = try await bookingFacts(bookingID) else {
            return .failed("the booking is gone from the store")
        }
        let delivery = CalendarDelivery(store: context.store, logger: context.logger)
        if item.kind == .calendarDelete {
            return await delivery.delete(uid: stored.calendarUID, booking: bookingID, staff: staffKey, calendar: calendar)
        }
        guard let member = context.staff.first(where: { $0.key == stored.booking.staff }) else {
            return .failed("staff \(stored.booking.staff.rawValue) is not in the configuration")
        }
        // A put queued before a later cancel or move is superseded by the item that follows it.
        guard stored.booking.status.occupiesStaff || stored.booking.status == .noShow || stored.booking.status == .completed,
            stored.booking.staff == staffKey
        else {
            return .delivered("superseded")
        }
        let event = context.eventBuilder.event(for: stored, company: company, contact: contact, staff: member, stamp: context.now)
        return await delivery.put(event, booking: bookingID, staff: staffKey, calendar: calendar, now: context.now)
    }

    private func deliverReturnCall(_ item: OutboxItem) async throws -> CalendarDelivery.Outcome {
        guard let calendar = context.calendar(for: StaffKey(item.target)),
            let member = context.staff.first(where: { $0.key == StaffKey(item.target) })
        else {
            return .retry("staff \(item.target) has no calendar this build can write")
        }
        guard
            let (call, company, contact) = try await context.store.read({ tx -> (ReturnCallRecord, Company, Contact)? in
                guard let call = try tx.returnCall(item.payload) else { return nil }
                return (call, try tx.requireCompany(call.companyID), try tx.requireContact(call.contactID))
            })
        else {
            return .failed("the return call is gone from the store")
        }
        let event = context.eventBuilder.event(for: call, company: company, contact: contact, staff: member, stamp: context.now)
        return await CalendarDelivery(store: context.store, logger: context.logger).create(event, calendar: calendar)
    }

    private func deliverEmail(_ item: OutboxItem, mail: MailSetup) async throws -> CalendarDelivery.Outcome {
        guard let payload = EmailPayload.decode(item.payload) else { return .failed("unreadable email payload") }
        guard let (stored, company, contact) = try await bookingFacts(BookingID(payload.bookingID)),
            let member = context.staff.first(where: { $0.key == stored.booking.staff })
        else {
            return .failed("the booking behind this email is gone")
        }
        // A reminder that comes due only after the session started, or for one no longer
        // going ahead, would only confuse: it is dropped, not sent late.
        if payload.kind == .reminder, !stored.booking.status.isActive || context.now >= stored.booking.start {
            return .delivered("superseded: the session is no longer ahead")
        }
        let (composer, transport) = try mail.ready.get()
        let facts = NoticeComposer.Facts(stored: stored, company: company, contact: contact, staff: member)
        let message = try composer.message(
            payload, facts: facts, messageID: "\(Maildir.messageIDPart(item.dedupeKey))@supportcal", now: context.now)
        do throws(MailTransport.Failure) {
            return .delivered(try await transport.deliver(message, key: item.dedupeKey, logger: context.logger))
        } catch {
            return error.isPermanent ? .failed(error.description) : .retry(error.description)
        }
    }
}

extension Maildir {
    /// A Message-ID local part derived from the delivery key: a repeated delivery carries
    /// the same Message-ID, so mail clients show it once.
    static func messageIDPart(_ key: String) -> String {
        "m."
            + key.unicodeScalars.map {
                $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-._".unicodeScalars.contains($0))
                    ? String($0) : "."
            }.joined()
    }
}
