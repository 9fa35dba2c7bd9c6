import Foundation
import Scheduling
import Store

/// The booking flows shared by the command line and the HTTP service: each asks the
/// policy for a decision and, in the same store transaction, records the result, queues
/// the calendar writes and emails it causes, and writes the audit entry.
public struct BookingDesk: Sendable {
    public var store: SupportStore
    public var policy: Policy
    public var feeSchedule: FeeSchedule
    public var staff: [Staff]
    public var hasher: any CodeHasher

    public init(store: SupportStore, policy: Policy, feeSchedule: FeeSchedule, staff: [Staff], hasher: any CodeHasher) {
        self.store = store
        self.policy = policy
        self.feeSchedule = feeSchedule
        self.staff = staff
        self.hasher = hasher
    }

    /// Who asked, and through what: recorded in the audit log.
    public struct Actor: Sendable, Hashable {
        public var name: String
        public var via: String
        public init(_ name: String, via: String) {
            self.name = name
            self.via = via
        }
    }

    /// The configured staff member with this key; for an unknown key a
    /// `SchedulingError.invalidInput` naming the keys there are (a typo, not a busy slot).
    public func staffMember(_ key: StaffKey) throws(SchedulingError) -> Staff {
        guard let member = staff.first(where: { $0.key == key }) else {
            throw SchedulingError(
                .invalidInput,
                "there is no staff member \(key.rawValue.prefix(64)) in the configuration; "
                    + "the staff are \(staff.map(\.key.rawValue).sorted().joined(separator: ", "))")
        }
        return member
    }

    // MARK: Booking

    /// Books `request` if the policy accepts it now. Two processes racing for the same
    /// last minute get one booking: the decision is made inside the write transaction.
    public func book(_ request: BookingRequest, actor: Actor, now: Date) throws -> Decision<StoredBooking> {
        let decider = BookingDecider(policy: policy, hasher: hasher)
        return try store.write { tx in
            let context = try tx.bookingContext(for: request, staff: staff, feeSchedule: feeSchedule, policy: policy, now: now)
            switch decider.decide(request, context: context, now: now) {
            case .refused(let rule, let reason):
                if rule == .wrongCode { try tx.recordWrongCodeAttempt(company: request.company.id, at: now) }
                _ = try tx.audit(
                    AuditRecord(
                        at: now, actor: actor.name, action: "booking.refused", companyID: request.company.id,
                        via: actor.via, details: ["rule": rule.rawValue, "start": request.start.formatted(.iso8601)]))
                return .refused(rule, reason: reason)
            case .accepted(let booking):
                let uid = BookingIDs.calendarUID(for: booking.id)
                try tx.insert(booking, calendarUID: uid)
                _ = try tx.enqueue(OutboxMessages.calendarPut(booking), at: now)
                for message in OutboxMessages.plannedEmails(for: booking, contact: request.contact, now: now, policy: policy) {
                    _ = try tx.enqueue(message, at: now)
                }
                _ = try tx.audit(
                    AuditRecord(
                        at: now, actor: actor.name, action: "booking.created", bookingID: booking.id,
                        companyID: booking.companyID, via: actor.via,
                        details: [
                            "start": booking.start.formatted(.iso8601), "staff": booking.staff.rawValue,
                            "charge": booking.charge.basis.rawValue, "amount": booking.charge.amount.description,
                        ]))
                return .accepted(StoredBooking(booking: booking, calendarUID: uid, isEmergency: false))
            }
        }
    }

    /// The price `request` would be booked at now, decided exactly as booking decides it
    /// (a wrong code counts against the company's limit). Nothing is booked.
    public func quote(_ request: BookingRequest, actor: Actor, now: Date) throws -> Decision<Charge> {
        let decider = BookingDecider(policy: policy, hasher: hasher)
        return try store.write { tx in
            let context = try tx.bookingContext(for: request, staff: staff, feeSchedule: feeSchedule, policy: policy, now: now)
            // The whole decision, not just the price: a taken slot or a session the contact
            // already has then is said on the review page, before they confirm.
            let decision: Decision<Charge>
            switch decider.decide(request, context: context, now: now) {
            case .accepted(let booking): decision = .accepted(booking.charge)
            case .refused(let rule, let reason): decision = .refused(rule, reason: reason)
            }
            if case .refused(.wrongCode, _) = decision {
                try tx.recordWrongCodeAttempt(company: request.company.id, at: now)
                _ = try tx.audit(
                    AuditRecord(
                        at: now, actor: actor.name, action: "code.refused", companyID: request.company.id,
                        via: actor.via, details: ["rule": Rule.wrongCode.rawValue]))
            }
            return decision
        }
    }

    public func cancel(_ id: BookingID, by party: Party, actor: Actor, now: Date) throws -> Decision<Booking> {
        try store.write { tx in
            let booking = try tx.requireBooking(id)
            let contact = try tx.requireContact(booking.contactID)
            switch CancellationCutoff(policy).cancel(booking, by: party, now: now, zone: contact.timeZone) {
            case .refused(let rule, let reason):
                try auditRefusal("cancel.refused", rule, of: booking, by: party, actor: actor, tx: tx, now: now)
                return .refused(rule, reason: reason)
            case .accepted(let cancelled):
                try recordCancellation(cancelled, contact: contact, details: ["by": party.rawValue], actor: actor, tx: tx, now: now)
                return .accepted(cancelled)
            }
        }
    }

    /// A change a party asked for and the policy refused is kept in the audit log too.
    private func auditRefusal(
        _ action: String, _ rule: Rule, of booking: Booking, by party: Party, actor: Actor, tx: StoreTransaction, now: Date
    ) throws {
        _ = try tx.audit(
            AuditRecord(
                at: now, actor: actor.name, action: action, bookingID: booking.id, companyID: booking.companyID,
                via: actor.via, details: ["rule": rule.rawValue, "by": party.rawValue]))
    }

    /// Stores a cancellation and what it causes: pending emails and calendar writes
    /// dropped, the event removed from the staff calendar, the customer told (iTIP CANCEL).
    func recordCancellation(
        _ cancelled: Booking, contact: Contact, details: [String: String], action: String = "booking.cancelled",
        actor: Actor, tx: StoreTransaction, now: Date
    ) throws {
        try tx.update(cancelled)
        _ = try tx.cancelPendingOutbox(bookingID: cancelled.id, kind: .email)
        _ = try tx.cancelPendingOutbox(bookingID: cancelled.id, kind: .calendarPut)
        _ = try tx.enqueue(OutboxMessages.calendarDelete(cancelled, staff: cancelled.staff), at: now)
        _ = try tx.enqueue(OutboxMessages.email(.cancelled, booking: cancelled, to: contact), at: now)
        var details = details
        if cancelled.needsRefundReview { details["refund_review"] = "paid session cancelled by staff" }
        _ = try tx.audit(
            AuditRecord(
                at: now, actor: actor.name, action: action, bookingID: cancelled.id,
                companyID: cancelled.companyID, via: actor.via, details: details))
    }

    public func reschedule(_ id: BookingID, to start: Date, by party: Party, staff newStaff: StaffKey? = nil, actor: Actor, now: Date)
        throws -> Decision<Booking>
    {
        if let newStaff { _ = try staffMember(newStaff) }
        return try store.write { tx in
            let booking = try tx.requireBooking(id)
            let contact = try tx.requireContact(booking.contactID)
            // The same stretch the use case re-read from the calendars before asking.
            let window = BusyRefreshWindow.rescheduling(booking, to: start).range
            let availability = try tx.availability(staff: staff, window: window)
            switch Rescheduler(policy).reschedule(
                booking, to: start, by: party, staff: newStaff, availability: availability, now: now, zone: contact.timeZone)
            {
            case .refused(let rule, let reason):
                try auditRefusal("reschedule.refused", rule, of: booking, by: party, actor: actor, tx: tx, now: now)
                return .refused(rule, reason: reason)
            case .accepted(let moved):
                try tx.update(moved)
                _ = try tx.cancelPendingOutbox(bookingID: id, kind: .email)
                if moved.staff != booking.staff {
                    _ = try tx.enqueue(OutboxMessages.calendarDelete(moved, staff: booking.staff), at: now)
                }
                _ = try tx.enqueue(OutboxMessages.calendarPut(moved), at: now)
                for message in OutboxMessages.plannedEmails(
                    for: moved, contact: contact, now: now, policy: policy, previousStart: booking.start)
                {
                    _ = try tx.enqueue(message, at: now)
                }
                _ = try tx.audit(
                    AuditRecord(
                        at: now, actor: actor.name, action: "booking.rescheduled", bookingID: id, companyID: booking.companyID,
                        via: actor.via,
                        details: [
                            "by": party.rawValue, "from": booking.start.formatted(.iso8601),
                            "to": moved.start.formatted(.iso8601), "staff": moved.staff.rawValue,
                        ]))
                return .accepted(moved)
            }
        }
    }

    /// Someone from the company joined (online or by phone). At or after start + grace the
    /// session is already a no-show, and joining does not reopen it.
    /// A join time after `now` is refused (`SchedulingError.invalidInput`): a join is
    /// recorded once it happened, and a future one would decide the session in advance.
    public func join(_ id: BookingID, at instant: Date, actor: Actor, now: Date) throws -> Booking {
        guard instant <= now else {
            throw SchedulingError(
                .invalidInput,
                "the join time \(instant.formatted(.iso8601)) is after now (\(now.formatted(.iso8601))); "
                    + "a join is recorded once it has happened")
        }
        return try store.write { tx in
            let booking = try tx.requireBooking(id)
            let joined = try booking.joined(at: instant, grace: policy.noShowGrace)
            try tx.update(joined)
            _ = try tx.audit(
                AuditRecord(
                    at: now, actor: actor.name, action: joined.status == .noShow ? "booking.join-too-late" : "booking.joined",
                    bookingID: id, companyID: booking.companyID, via: actor.via, details: ["at": instant.formatted(.iso8601)]))
            if booking.status != .noShow, joined.status == .noShow {
                try noShowConsequences(of: joined, previous: booking, tx: tx, now: now)
            }
            return joined
        }
    }

    // MARK: Sweeping

    /// Closes every session nobody joined by start + grace, with the emails that follow.
    public func closeDueNoShows(actor: Actor, now: Date) throws -> [Booking] {
        try store.write { tx in
            let open = try tx.bookings(
                BookingQuery(
                    startingBefore: now.addingTimeInterval(-policy.noShowGrace + 1),
                    statuses: [.confirmed, .rescheduled]))
            var closed: [Booking] = []
            for booking in NoShowCloser(policy).closeDue(open, now: now) {
                guard let previous = open.first(where: { $0.id == booking.id }) else { continue }
                try tx.update(booking)
                _ = try tx.audit(
                    AuditRecord(
                        at: now, actor: actor.name, action: "booking.no-show", bookingID: booking.id,
                        companyID: booking.companyID, via: actor.via,
                        details: ["closed_at": (booking.closedAt ?? now).formatted(.iso8601)]))
                try noShowConsequences(of: booking, previous: previous, tx: tx, now: now)
                closed.append(booking)
            }
            return closed
        }
    }

    private func noShowConsequences(of booking: Booking, previous: Booking, tx: StoreTransaction, now: Date) throws {
        let contact = try tx.requireContact(booking.contactID)
        _ = try tx.cancelPendingOutbox(bookingID: booking.id, kind: .email)
        _ = try tx.enqueue(OutboxMessages.email(.noShow, booking: booking, to: contact), at: now)
        let standing = try tx.companyStanding(booking.companyID, policy: policy)
        // The no-show that reaches the limit suspends free online booking: say so once.
        if booking.charge.isFreeSession, standing.isSuspended, standing.freeNoShowCount == policy.noShowLimit {
            _ = try tx.enqueue(OutboxMessages.email(.suspension, booking: booking, to: contact), at: now)
            _ = try tx.audit(
                AuditRecord(
                    at: now, actor: "policy", action: "company.suspended", bookingID: booking.id,
                    companyID: booking.companyID, via: "no-show rule",
                    details: ["free_no_shows": "\(standing.freeNoShowCount)", "reinstatement_fee": policy.reinstatementFee.description]))
        }
    }

    // MARK: Reinstatement

    public func reinstate(_ company: CompanyID, reference: String, amount: Money? = nil, actor: Actor, now: Date) throws -> Decision<
        Payment
    > {
        try store.write { tx in
            let standing = try tx.companyStanding(company, policy: policy)
            switch standing.reinstate(companyID: company, amount: amount ?? policy.reinstatementFee, now: now, zone: policy.vendorTimeZone)
            {
            case .refused(let rule, let reason):
                return .refused(rule, reason: reason)
            case .accepted(let reinstatement):
                let payment = try tx.record(reinstatement, reference: reference)
                _ = try tx.audit(
                    AuditRecord(
                        at: now, actor: actor.name, action: "company.reinstated", companyID: company, via: actor.via,
                        details: ["amount": reinstatement.amount.description, "reference": reference]))
                if let contact = try tx.contacts(of: company).first,
                    let last = try tx.bookings(BookingQuery(statuses: [.noShow], company: company, order: .startDescending)).first
                {
                    _ = try tx.enqueue(
                        OutboxMessages.email(
                            .reinstatement, booking: last, to: contact, key: "reinstated/\(company.rawValue)/\(reference)"), at: now)
                }
                return .accepted(payment)
            }
        }
    }
}
