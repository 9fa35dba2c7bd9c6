import Foundation
import HTTPTypes
import Hummingbird
import Mail
import Operations
import Scheduling
import Store

/// `/api/slots` and `/api/bookings…`: what customers' apps, the conference system and
/// staff tools call. See docs/api.md.
struct BookingsAPI: Sendable {
    let operations: ServerOperations
    var environment: ServerEnvironment { operations.environment }

    func register(on router: Router<SupportRequestContext>) {
        router.get("/api/slots") { request, context in try await slots(request, context) }
        router.group()
            .add(middleware: IdempotencyKeyMiddleware(store: environment.store, now: environment.now))
            .post("/api/bookings") { request, context in try await book(request, context) }
        router.get("/api/bookings/:id") { request, context in try await show(request, context) }
        router.post("/api/bookings/:id/cancel") { request, context in try await cancel(request, context) }
        router.post("/api/bookings/:id/reschedule") { request, context in try await reschedule(request, context) }
        router.post("/api/bookings/:id/decline") { request, context in try await decline(request, context) }
        router.group()
            .add(middleware: RequireCaller.webhook)
            .post("/api/bookings/:id/join") { request, context in try await join(request, context) }
    }

    func slots(_ request: Request, _ context: SupportRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let type = try operations.sessionType(kind: query.get("kind"), length: try Self.number(query.get("length"), name: "length"))
        var zone = environment.policy.vendorTimeZone
        if let email = query.get("contact") { zone = try await operations.contact(email: email).1.timeZone }
        let now = environment.now()
        let days = try Self.number(query.get("days"), name: "days") ?? SlotWindow.defaultDays
        guard SlotWindow.days.contains(days) else { throw HTTPError(.badRequest, message: SlotWindow.outOfRange("days")) }
        let from = try query.get("from").map { try Self.instant($0, zone: zone, name: "from") } ?? now
        let slots = try await operations.slots(type, from: from, days: days, now: now)
        return try context.json(SlotsJSON(type, slots: slots, zone: zone), for: request)
    }

    struct BookBody: Decodable {
        var contact: String
        var kind: String
        var length: Int?
        var start: String
        var code: String?
    }

    /// A retried request with the same `Idempotency-Key` gets this answer again
    /// (`IdempotencyKeyMiddleware`), so it is written whole before it is returned.
    func book(_ request: Request, _ context: SupportRequestContext) async throws -> Response {
        let body = try await request.decode(as: BookBody.self, context: context)
        let client = context.clientAddress(request, trustForwardedFor: environment.trustForwardedFor)
        let (company, contact) = try await operations.contact(email: body.contact)
        let type = try operations.sessionType(kind: body.kind, length: body.length)
        let start = try Self.instant(body.start, zone: contact.timeZone, name: "start")
        switch try await operations.book(
            company: company, contact: contact, type: type, start: start, code: body.code, client: client, via: "api")
        {
        case .refused(let rule, let reason):
            return try context.json(RefusalJSON(rule, reason: reason), status: rule.httpStatus, for: request)
        case .accepted(let stored):
            let json = BookingJSON(
                stored.booking, contact: contact, isEmergency: false, links: operations.links(for: stored.booking, isEmergency: false))
            return try context.json(json, status: .created, for: request)
        }
    }

    /// Staff see any booking; a customer needs a link token for it.
    func show(_ request: Request, _ context: SupportRequestContext) async throws -> Response {
        let id = try Self.bookingID(context)
        let staff = context.caller == .staff
        if !staff { _ = try customerToken(request, body: nil, booking: id, actions: LinkToken.Action.allCases) }
        let (stored, _, contact) = try await operations.stored(id)
        let json = BookingJSON(
            stored.booking, contact: contact, isEmergency: stored.isEmergency,
            links: staff ? nil : operations.links(for: stored.booking, isEmergency: stored.isEmergency))
        return try context.json(json, for: request)
    }

    struct ChangeBody: Decodable {
        var token: String?
        var start: String?
        var staff: String?
        var at: String?
    }

    func cancel(_ request: Request, _ context: SupportRequestContext) async throws -> Response {
        let id = try Self.bookingID(context)
        let body = try await request.decodeIfPresent(as: ChangeBody.self, context: context)
        let (party, actor) = try partyAndActor(request, context, body: body, booking: id, action: .cancel)
        return try await respond(request, context, try await operations.cancel(id, by: party, actor: actor), id: id)
    }

    func reschedule(_ request: Request, _ context: SupportRequestContext) async throws -> Response {
        let id = try Self.bookingID(context)
        let body = try await request.decodeIfPresent(as: ChangeBody.self, context: context)
        let (party, actor) = try partyAndActor(request, context, body: body, booking: id, action: .reschedule)
        let (stored, _, contact) = try await operations.stored(id)
        guard let startText = body?.start else { throw HTTPError(.badRequest, message: "the body needs \"start\"") }
        let start = try Self.instant(startText, zone: contact.timeZone, name: "start")
        // Staff may also hand the session to a colleague; customers keep their staff member.
        let staff = party == .staff ? body?.staff.map { StaffKey($0) } : nil
        return try await respond(
            request, context, try await operations.reschedule(stored.booking, to: start, by: party, staff: staff, actor: actor), id: id)
    }

    func decline(_ request: Request, _ context: SupportRequestContext) async throws -> Response {
        let id = try Self.bookingID(context)
        let body = try await request.decodeIfPresent(as: ChangeBody.self, context: context)
        let (_, actor) = try partyAndActor(request, context, body: body, booking: id, action: .decline)
        return try await respond(request, context, try await operations.decline(id, actor: actor), id: id)
    }

    /// The conference system's webhook: someone from the company joined (now, or `at`).
    func join(_ request: Request, _ context: SupportRequestContext) async throws -> Response {
        let id = try Self.bookingID(context)
        let body = try await request.decodeIfPresent(as: ChangeBody.self, context: context)
        let now = environment.now()
        let at = try body?.at.map { try Self.instant($0, zone: TimeZone(identifier: "UTC")!, name: "at") } ?? now
        _ = try await operations.stored(id)
        let booking = try await operations.desk.join(id, at: at, actor: BookingDesk.Actor("conference", via: "api join"), now: now)
        let (stored, _, contact) = try await operations.stored(booking.id)
        return try context.json(BookingJSON(stored.booking, contact: contact, isEmergency: stored.isEmergency, links: nil), for: request)
    }

    // MARK: helpers

    private func respond(_ request: Request, _ context: SupportRequestContext, _ decision: Decision<Booking>, id: BookingID) async throws
        -> Response
    {
        switch decision {
        case .refused(let rule, let reason):
            return try context.json(RefusalJSON(rule, reason: reason), status: rule.httpStatus, for: request)
        case .accepted:
            let (stored, _, contact) = try await operations.stored(id)
            let json = BookingJSON(stored.booking, contact: contact, isEmergency: stored.isEmergency, links: nil)
            return try context.json(json, for: request)
        }
    }

    /// Staff act as staff; anyone else must hold the customer's link for this action.
    private func partyAndActor(
        _ request: Request, _ context: SupportRequestContext, body: ChangeBody?, booking: BookingID, action: LinkToken.Action
    ) throws -> (Party, BookingDesk.Actor) {
        if context.caller == .staff { return (.staff, BookingDesk.Actor("staff", via: "api")) }
        _ = try customerToken(request, body: body, booking: booking, actions: [action])
        return (.customer, BookingDesk.Actor("customer link", via: "api"))
    }

    private func customerToken(_ request: Request, body: ChangeBody?, booking: BookingID, actions: [LinkToken.Action]) throws -> LinkToken {
        guard let text = body?.token ?? request.uri.queryParameters.get("token") else {
            if request.headers[.authorization] != nil { throw HTTPError(.forbidden, message: "the bearer token is not accepted here") }
            throw HTTPError(
                .unauthorized, headers: [.wwwAuthenticate: "Bearer"],
                message: "this needs the token from the customer's link, or a staff bearer token")
        }
        do throws(LinkTokenError) {
            let token = try environment.signer.verify(text, booking: booking.rawValue, now: environment.now())
            guard actions.contains(token.action) else { throw LinkTokenError(code: .wrongAction, token: token) }
            return token
        } catch {
            throw HTTPError(.forbidden, message: error.description)
        }
    }

    static func number(_ text: String?, name: String) throws -> Int? {
        guard let text else { return nil }
        guard let value = Int(text) else { throw HTTPError(.badRequest, message: "\(name) must be a whole number") }
        return value
    }

    static func bookingID(_ context: SupportRequestContext) throws -> BookingID {
        let text = try context.parameters.require("id")
        guard text.count <= 64, text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
            throw HTTPError(.notFound, message: "there is no booking \(text.prefix(64))")
        }
        return BookingID(text)
    }

    /// ISO-8601 with a zone, or a local date-time/date read in `zone`.
    static func instant(_ text: String, zone: TimeZone, name: String) throws -> Date {
        guard text.count <= 40, let date = InstantText.parse(text, in: zone) else {
            throw HTTPError(.badRequest, message: "\(name) \"\(text.prefix(40))\" is not an ISO-8601 time such as 2026-12-02T15:00:00Z")
        }
        return date
    }
}

extension HTTPField.Name {
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    static let idempotentReplayed = HTTPField.Name("Idempotent-Replayed")!
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
}
