import Foundation
import Hummingbird
import Mail
import Operations
import Scheduling
import Store

/// The flows the API and the pages share: listing slots, booking, acting on a link.
struct ServerOperations: Sendable {
    let environment: ServerEnvironment
    let state: ServerState

    var store: SupportStore { environment.store }

    /// Blocking store work (every `BookingDesk` flow) runs on the store's threads.
    func desk<T: Sendable>(_ body: @escaping @Sendable (BookingDesk) throws -> T) async throws -> T {
        let desk = environment.desk
        return try await store.offload { try body(desk) }
    }

    func contact(email: String) async throws -> (Company, Contact) {
        let found = try await store.read { tx -> (Company, Contact)? in
            guard let contact = try tx.contact(email: email.trimmingCharacters(in: .whitespaces)) else { return nil }
            return (try tx.requireCompany(contact.companyID), contact)
        }
        guard let found else {
            throw HTTPError(
                .unprocessableContent, message: "We do not know the email address \(email). Ask your company's support contact to add you.")
        }
        return found
    }

    func contact(_ id: ContactID) async throws -> Contact {
        try await store.read { tx in try tx.requireContact(id) }
    }

    func companyExists(_ id: CompanyID) async throws -> Bool {
        try await store.read { tx in try tx.company(id) != nil }
    }

    func sessionType(kind: String?, length: Int?) throws -> SessionType {
        guard let kind, let sessionKind = SessionKind(rawValue: kind) else {
            throw HTTPError(
                .badRequest,
                message: "kind must be one of \(Set(environment.sessionTypes.map(\.kind.rawValue)).sorted().joined(separator: ", "))")
        }
        let offered = environment.sessionTypes.filter { $0.kind == sessionKind }
        guard let type = length.map({ SessionType(sessionKind, minutes: $0) }) ?? offered.first, offered.contains(type) else {
            throw HTTPError(
                .badRequest, message: "\(kind) is offered for \(offered.map { "\($0.minutes)" }.joined(separator: ", ")) minutes")
        }
        return type
    }

    /// Free slots for `days` days from `start`, after re-reading local calendars.
    func slots(_ type: SessionType, from start: Date, days: Int, now: Date) async throws -> [Slot] {
        try await slots(type, in: TimeRange(start: start, end: start.addingTimeInterval(TimeInterval(days) * 86_400)), now: now)
    }

    /// Free slots starting in `requested` (from `now` on), after re-reading local calendars.
    func slots(_ type: SessionType, in requested: TimeRange, now: Date) async throws -> [Slot] {
        guard requested.end > max(requested.start, now) else { return [] }
        let window = TimeRange(start: max(requested.start, now), end: requested.end)
        try await environment.jobs.refreshBusy(
            from: window.start.addingTimeInterval(-86_400), to: window.end.addingTimeInterval(86_400), live: false)
        let staff = environment.desk.staff
        let availability = try await store.read { tx in try tx.availability(staff: staff, window: window) }
        return SlotFinder(policy: environment.policy).offered(for: type, in: window, availability: availability, now: now)
    }

    /// Books if the policy agrees; wrong codes count against the client's address too.
    func book(company: Company, contact: Contact, type: SessionType, start: Date, code: String?, client: String, via: String) async throws
        -> Decision<StoredBooking>
    {
        let now = environment.now()
        let code = Self.typed(code)
        if let refusal: Decision<StoredBooking> = await addressRefusal(code: code, client: client, contact: contact, now: now) {
            return refusal
        }
        try await environment.jobs.refreshBusy(
            from: start.addingTimeInterval(-86_400), to: start.addingTimeInterval(2 * 86_400), live: true)
        let request = BookingRequest(
            bookingID: BookingIDs.make(), company: company, contact: contact, sessionType: type, start: start, maintenanceCode: code)
        let decision = try await desk { try $0.book(request, actor: BookingDesk.Actor(contact.email, via: via), now: now) }
        if case .accepted = decision { state.countBooking() }
        await record(decision, client: client, now: now)
        return decision
    }

    /// The price the review page shows: the code checked as booking would check it, and
    /// counted the same way when wrong. Nothing is booked.
    func quote(company: Company, contact: Contact, type: SessionType, start: Date, code: String?, client: String) async throws -> Decision<
        Charge
    > {
        let now = environment.now()
        let code = Self.typed(code)
        if let refusal: Decision<Charge> = await addressRefusal(code: code, client: client, contact: contact, now: now) { return refusal }
        let request = BookingRequest(
            bookingID: BookingIDs.make(), company: company, contact: contact, sessionType: type, start: start, maintenanceCode: code)
        let decision = try await desk {
            try $0.quote(request, actor: BookingDesk.Actor(contact.email, via: "booking page review"), now: now)
        }
        await record(decision, client: client, now: now)
        return decision
    }

    /// A code left blank is no code.
    static func typed(_ code: String?) -> String? {
        code.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
    }

    /// Wrong codes are counted per client address first, and that limit is much lower than
    /// the company's: one visitor guessing cannot lock a whole company out of code booking.
    private func addressRefusal<T>(code: String?, client: String, contact: Contact, now: Date) async -> Decision<T>? {
        guard code != nil, let until = await state.limiter.blockedUntil(client, now: now) else { return nil }
        state.countRefusal(Rule.codeRateLimited.rawValue)
        return .refused(
            .codeRateLimited,
            reason: "Too many wrong maintenance codes were tried from your network. "
                + "Try again after \(CustomerTime.describe(until, in: contact.timeZone)).")
    }

    private func record<T>(_ decision: Decision<T>, client: String, now: Date) async {
        record(decision)
        if case .refused(.wrongCode, _) = decision { await state.limiter.recordFailure(client, now: now) }
    }

    /// Links the customer can use now for `booking`: view always, the others while allowed.
    func links(for booking: Booking, isEmergency: Bool) -> [String: String] {
        let links = CustomerLinks(signer: environment.signer, publicBaseURL: environment.publicBaseURL, policy: environment.policy)
        var result = ["view": links.view(booking)]
        for (action, expires) in links.actions(for: booking, isEmergency: isEmergency, now: environment.now()) {
            result[action.rawValue] = links.url(booking, action, until: expires)
        }
        return result
    }

    func stored(_ id: BookingID) async throws -> (StoredBooking, Company, Contact) {
        let found = try await store.read { tx -> (StoredBooking, Company, Contact)? in
            guard let stored = try tx.storedBooking(id) else { return nil }
            return (stored, try tx.requireCompany(stored.booking.companyID), try tx.requireContact(stored.booking.contactID))
        }
        guard let found else { throw HTTPError(.notFound, message: "there is no booking \(id.rawValue)") }
        return found
    }

    func cancel(_ id: BookingID, by party: Party, actor: BookingDesk.Actor) async throws -> Decision<Booking> {
        let now = environment.now()
        let decision = try await desk { try $0.cancel(id, by: party, actor: actor, now: now) }
        record(decision)
        return decision
    }

    func reschedule(_ id: BookingID, to start: Date, by party: Party, staff: StaffKey? = nil, actor: BookingDesk.Actor) async throws
        -> Decision<Booking>
    {
        try await environment.jobs.refreshBusy(
            from: start.addingTimeInterval(-86_400), to: start.addingTimeInterval(2 * 86_400), live: true)
        let now = environment.now()
        let decision = try await desk { try $0.reschedule(id, to: start, by: party, staff: staff, actor: actor, now: now) }
        record(decision)
        return decision
    }

    func decline(_ id: BookingID, actor: BookingDesk.Actor) async throws -> Decision<Booking> {
        let now = environment.now()
        let decision = try await desk { try $0.declineEmergency(id, actor: actor, now: now) }
        record(decision)
        return decision
    }

    func record<T>(_ decision: Decision<T>) {
        switch decision {
        case .accepted: break
        case .refused(let rule, _): state.countRefusal(rule.rawValue)
        }
    }
}
