import Foundation
import Hummingbird
import Mail
import Operations
import Scheduling
import Store
import UseCases

/// What the API and the pages add to the use cases: HTTP errors for what is not there,
/// the per-address limit on wrong codes, and the refusal counters `/metrics` shows.
struct ServerOperations: Sendable {
    let environment: ServerEnvironment
    let state: ServerState

    var desk: SupportDesk { environment.desk }

    func contact(email: String) async throws -> (Company, Contact) {
        guard let found = try await desk.contact(email: email) else {
            throw HTTPError(
                .unprocessableContent, message: "We do not know the email address \(email). Ask your company's support contact to add you.")
        }
        return found
    }

    func contact(_ id: ContactID) async throws -> Contact {
        try await desk.contact(id)
    }

    func companyExists(_ id: CompanyID) async throws -> Bool {
        try await desk.company(id) != nil
    }

    /// The type asked for; without a length, the menu's default for the kind.
    func sessionType(kind: String?, length: Int?) throws -> SessionType {
        let menu = desk.menu
        let kinds = menu.kinds.map(\.rawValue).joined(separator: ", ")
        guard let kind else { throw HTTPError(.badRequest, message: "kind must be one of \(kinds)") }
        do throws(SessionMenu.Refusal) {
            return try menu.choose(kind: kind, length: length)
        } catch {
            switch error {
            case .unknownKind, .kindNotOffered: throw HTTPError(.badRequest, message: "kind must be one of \(kinds)")
            case .lengthNotOffered(let kind, _, let offered):
                throw HTTPError(
                    .badRequest, message: "\(kind.rawValue) is offered for \(offered.map(String.init).joined(separator: ", ")) minutes")
            }
        }
    }

    /// Free slots for `days` days from `start`, after re-reading local calendars.
    func slots(_ type: SessionType, from start: Date, days: Int, now: Date) async throws -> [Slot] {
        try await slots(type, in: TimeRange(start: start, end: start.addingTimeInterval(TimeInterval(days) * 86_400)), now: now)
    }

    /// Free slots starting in `requested` (from `now` on).
    func slots(_ type: SessionType, in requested: TimeRange, now: Date) async throws -> [Slot] {
        try await desk.slots(type, in: requested, now: now)
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
        let request = BookingRequest(
            bookingID: BookingIDs.make(), company: company, contact: contact, sessionType: type, start: start, maintenanceCode: code)
        let decision = try await desk.book(request, actor: BookingDesk.Actor(contact.email, via: via), now: now)
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
        let decision = try await desk.quote(request, actor: BookingDesk.Actor(contact.email, via: "booking page review"), now: now)
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
        if case .refused(.wrongCode, _) = decision { await state.limiter.record(client, now: now) }
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
        guard let found = try await desk.booking(id) else { throw HTTPError(.notFound, message: "there is no booking \(id.rawValue)") }
        return found
    }

    func cancel(_ id: BookingID, by party: Party, actor: BookingDesk.Actor) async throws -> Decision<Booking> {
        let now = environment.now()
        let decision = try await desk.cancel(id, by: party, actor: actor, now: now)
        record(decision)
        return decision
    }

    func reschedule(_ booking: Booking, to start: Date, by party: Party, staff: StaffKey? = nil, actor: BookingDesk.Actor) async throws
        -> Decision<Booking>
    {
        let decision = try await desk.reschedule(booking, to: start, by: party, staff: staff, actor: actor, now: environment.now())
        record(decision)
        return decision
    }

    func decline(_ id: BookingID, actor: BookingDesk.Actor) async throws -> Decision<Booking> {
        let now = environment.now()
        let decision = try await desk.declineEmergency(id, actor: actor, now: now)
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
