import Foundation
import Logging
import Mail
import Operations
import Scheduling
import Store
import Sync

/// Carries due outbox items out: calendar writes to staff calendars, emails to the
/// Maildir or SMTP server. Each item is claimed, delivered, then marked in its own
/// transaction, so a crash at any point loses nothing (see `Outbox.swift` in Store).
struct OutboxDelivery {
    let desk: SupportDesk
    let now: Date

    var store: SupportStore { desk.store }
    var logger: Logger { desk.logger }

    /// Delivers what is due: everything, or only one booking's items (`bookingID`) or one
    /// return call's (`returnCall`), as a command does for the change it just made.
    func deliverDue(bookingID: BookingID? = nil, returnCall: String? = nil) async throws -> OutboxSummary {
        let only = bookingID != nil || returnCall != nil
        let selected: @Sendable (OutboxItem) -> Bool = { item in
            if let bookingID { return item.bookingID == bookingID }
            if let returnCall { return item.kind == .calendarReturnCall && item.payload == returnCall }
            return true
        }
        let now = self.now
        var summary = OutboxSummary()
        while true {
            let batch = try await store.write { tx in
                let due = try tx.dueOutbox(now: now, limit: 50)
                return try due.filter(selected).compactMap { try tx.claimOutboxItem($0.id, now: now) }
            }
            if batch.isEmpty { break }
            for (index, item) in batch.enumerated() {
                // Shutting down: what this run claimed and did not start is handed back for
                // the usual retry, not held until the claim expires.
                if Task.isCancelled {
                    let left = batch[index...].map(\.id)
                    try await store.writeEvenIfCancelled { tx in
                        for id in left { _ = try tx.markFailed(id, error: "not attempted: the service stopped", at: now, permanent: false) }
                    }
                    summary.retrying += left.count
                    return summary
                }
                let outcome = await deliver(item)
                switch outcome {
                case .delivered:
                    // Recorded even if shutdown cancels this run now: the email is already sent.
                    try await store.writeEvenIfCancelled { tx in try tx.markDelivered(item.id, at: now) }
                    summary.delivered += 1
                case .retry(let message), .failed(let message):
                    let permanent = { if case .failed = outcome { true } else { false } }()
                    let after = try await store.writeEvenIfCancelled { tx in
                        try tx.markFailed(item.id, error: message, at: now, permanent: permanent)
                    }
                    if after.status == .failed { summary.failed += 1 } else { summary.retrying += 1 }
                    summary.problems.append("\(item.kind.rawValue) \(item.bookingID?.rawValue ?? "") → \(item.target): \(message)")
                    logger.warning(
                        "outbox delivery failed",
                        metadata: ["outbox.id": "\(item.id)", "outbox.kind": "\(item.kind.rawValue)", "error.message": "\(message)"])
                }
            }
            if only { break }
        }
        return summary
    }

    private func deliver(_ item: OutboxItem) async -> CalendarDelivery.Outcome {
        do {
            switch item.kind {
            case .calendarPut, .calendarDelete: return try await deliverCalendar(item)
            case .calendarReturnCall: return try await deliverReturnCall(item)
            case .email: return try await deliverEmail(item)
            default: return .failed("unknown outbox kind \(item.kind.rawValue)")
            }
        } catch {
            return .retry("\(error)")
        }
    }

    private func member(_ key: StaffKey) -> Staff? { desk.staff.first { $0.key == key } }

    private func deliverCalendar(_ item: OutboxItem) async throws -> CalendarDelivery.Outcome {
        let staffKey = StaffKey(item.target)
        guard let calendar = desk.calendars.calendar(for: staffKey) else {
            return .retry("staff \(item.target) has no calendar this build can write")
        }
        guard let bookingID = item.bookingID, let (stored, company, contact) = try await desk.booking(bookingID) else {
            return .failed("the booking is gone from the store")
        }
        let delivery = CalendarDelivery(store: store, logger: logger)
        if item.kind == .calendarDelete {
            return await delivery.delete(uid: stored.calendarUID, booking: bookingID, staff: staffKey, calendar: calendar)
        }
        guard let member = member(stored.booking.staff) else {
            return .failed("staff \(stored.booking.staff.rawValue) is not in the configuration")
        }
        // A put queued before a later cancel or move is superseded by the item that follows it.
        let status = stored.booking.status
        guard status.occupiesStaff || status == .noShow || status == .completed, stored.booking.staff == staffKey else {
            return .delivered("superseded")
        }
        let event = desk.eventBuilder.event(for: stored, company: company, contact: contact, staff: member, stamp: now)
        return await delivery.put(event, booking: bookingID, staff: staffKey, calendar: calendar, now: now)
    }

    private func deliverReturnCall(_ item: OutboxItem) async throws -> CalendarDelivery.Outcome {
        guard let calendar = desk.calendars.calendar(for: StaffKey(item.target)), let member = member(StaffKey(item.target)) else {
            return .retry("staff \(item.target) has no calendar this build can write")
        }
        guard
            let (call, company, contact) = try await store.read({ tx -> (ReturnCallRecord, Company, Contact)? in
                guard let call = try tx.returnCall(item.payload) else { return nil }
                return (call, try tx.requireCompany(call.companyID), try tx.requireContact(call.contactID))
            })
        else {
            return .failed("the return call is gone from the store")
        }
        let event = desk.eventBuilder.event(for: call, company: company, contact: contact, staff: member, stamp: now)
        return await CalendarDelivery(store: store, logger: logger).create(event, calendar: calendar)
    }

    private func deliverEmail(_ item: OutboxItem) async throws -> CalendarDelivery.Outcome {
        guard let payload = EmailPayload.decode(item.payload) else { return .failed("unreadable email payload") }
        guard let (stored, company, contact) = try await desk.booking(BookingID(payload.bookingID)),
            let member = member(stored.booking.staff)
        else {
            return .failed("the booking behind this email is gone")
        }
        // A reminder that comes due only after the session started, or for one no longer
        // going ahead, would only confuse: it is dropped, not sent late.
        if payload.kind == .reminder, !stored.booking.status.isActive || now >= stored.booking.start {
            return .delivered("superseded: the session is no longer ahead")
        }
        let (composer, transport) = try desk.mail.ready()
        let facts = NoticeComposer.Facts(stored: stored, company: company, contact: contact, staff: member)
        let message = try composer.message(
            payload, facts: facts, messageID: "\(Maildir.messageIDPart(item.dedupeKey))@supportcal", now: now)
        do throws(MailTransport.Failure) {
            return .delivered(try await transport.deliver(message, key: item.dedupeKey, logger: logger))
        } catch {
            return error.isPermanent ? .failed(error.description) : .retry(error.description)
        }
    }
}

/// What one outbox run did, as `sweep` and `sync` print it.
public struct OutboxSummary: Encodable, Sendable {
    public var delivered = 0
    public var retrying = 0
    public var failed = 0
    public var problems: [String] = []

    public init() {}
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
