import Foundation
import HTTPTypes
import Hummingbird
import Operations
import Scheduling
import Store
import UseCases

/// `/api/account/…`: the customer account for the customer's own tools, with the session
/// cookie or an API token from the profile page as `Authorization: Bearer`. Everything is
/// the signed-in contact's company only. See docs/api.md.
struct AccountAPI: Sendable {
    let operations: ServerOperations
    var environment: ServerEnvironment { operations.environment }
    var account: CustomerAccount { environment.account }
    let via = "api"

    func register(on router: Router<SupportRequestContext>) {
        router.get("/api/account") { request, context in try await signedIn(request) { try await profile($0, request, context) } }
        router.put("/api/account/time-zone") { request, context in
            try await signedIn(request) { try await setZone($0, request, context) }
        }
        router.get("/api/account/sessions") { request, context in try await signedIn(request) { try await sessions($0, request, context) } }
        router.get("/api/account/emergencies") { request, context in
            try await signedIn(request) { try await emergencies($0, request, context) }
        }
        router.post("/api/account/emergencies") { request, context in
            try await signedIn(request) { try await askEmergency($0, request, context) }
        }
        router.post("/api/account/return-call") { request, context in
            try await signedIn(request) { try await askCallback($0, request, context) }
        }
    }

    private func signedIn(_ request: Request, _ body: (Contact) async throws -> Response) async throws -> Response {
        guard let who = try await AccountAuthentication(environment: environment).signedIn(request, bearer: true) else {
            throw HTTPError(
                .unauthorized, headers: [.wwwAuthenticate: "Bearer"],
                message: "sign in to the support account, or send an API token from its profile page as a bearer token")
        }
        return try await body(who.contact)
    }

    struct ProfileJSON: Encodable {
        struct PlanJSON: Encodable {
            var tier: String
            var percentOff: Int?
            var validFrom: Date
            var validUntil: Date
        }
        var name: String
        var email: String
        var phone: String?
        var timeZone: String
        var company: String
        var companyName: String
        var plan: PlanJSON?
        var nextPlan: PlanJSON?
        var freeNoShows: Int
        var suspended: Bool
        var reinstatementFee: MoneyJSON?
        /// The company's code when it can be shown; `codeState` says why not otherwise.
        var maintenanceCode: String?
        var codeState: String
        var apiTokens: Int
    }

    func profile(_ contact: Contact, _ request: Request, _ context: SupportRequestContext) async throws -> Response {
        let profile = try await account.profile(contact, now: environment.now())
        func plan(_ plan: MaintenancePlan?) -> ProfileJSON.PlanJSON? {
            plan.map { plan in
                switch plan.tier {
                case .free: .init(tier: "free", validFrom: plan.validFrom, validUntil: plan.validUntil)
                case .discounted(let percent):
                    .init(tier: "discounted", percentOff: percent, validFrom: plan.validFrom, validUntil: plan.validUntil)
                }
            }
        }
        var code: String?
        let state: String
        switch profile.code {
        case .readable(let text): (code, state) = (text, "readable")
        case .notReadable: state = "issued-before-codes-were-kept"
        case .none: state = "none"
        }
        let json = ProfileJSON(
            name: contact.name, email: contact.email, phone: contact.phone, timeZone: contact.timeZone.identifier,
            company: profile.company.id.rawValue, companyName: profile.company.name, plan: plan(profile.plan),
            nextPlan: plan(profile.nextPlan), freeNoShows: profile.standing.freeNoShowCount, suspended: profile.standing.isSuspended,
            reinstatementFee: profile.standing.isSuspended ? MoneyJSON(profile.standing.reinstatementFee) : nil,
            maintenanceCode: code, codeState: state, apiTokens: profile.apiTokens)
        return try context.json(json, for: request)
    }

    struct ZoneBody: Decodable { var timeZone: String }

    func setZone(_ contact: Contact, _ request: Request, _ context: SupportRequestContext) async throws -> Response {
        let body = try await request.decode(as: ZoneBody.self, context: context)
        guard let zone = TimeZone(identifier: body.timeZone), body.timeZone.contains("/") || body.timeZone == "UTC" else {
            throw HTTPError(.badRequest, message: "timeZone must be an IANA zone such as America/Chicago")
        }
        let changed = try await account.setTimeZone(zone, for: contact, via: via, now: environment.now())
        return try await profile(changed, request, context)
    }

    struct SessionsJSON: Encodable {
        var zone: String
        var upcoming: [BookingJSON]
        var past: [BookingJSON]
    }

    func sessions(_ contact: Contact, _ request: Request, _ context: SupportRequestContext) async throws -> Response {
        let (upcoming, past) = try await account.sessions(of: contact.companyID, now: environment.now())
        func json(_ session: CustomerAccount.Session) -> BookingJSON {
            let booking = session.booking
            var json = BookingJSON(
                booking, contact: session.contact ?? contact, isEmergency: session.stored.isEmergency,
                links: operations.links(for: booking, isEmergency: session.stored.isEmergency))
            // In the reader's zone, as the sessions page shows them.
            json.zone = contact.timeZone.identifier
            json.local = CustomerTime.describe(booking.start, in: contact.timeZone)
            return json
        }
        return try context.json(
            SessionsJSON(zone: contact.timeZone.identifier, upcoming: upcoming.map(json), past: past.map(json)), for: request)
    }

    struct EmergencyJSON: Encodable {
        var id: String
        var state: String
        var requestedAt: Date
        var problem: String
        var booking: String?
        var reason: String?
        init(_ request: EmergencyRequest) {
            (id, state, requestedAt, problem) = (request.id, request.state.rawValue, request.requestedAt, request.problem)
            (booking, reason) = (request.bookingID?.rawValue, request.reason)
        }
    }

    func emergencies(_ contact: Contact, _ request: Request, _ context: SupportRequestContext) async throws -> Response {
        let requests = try await account.emergencyRequests(of: contact.companyID)
        return try context.json(["requests": requests.map(EmergencyJSON.init)], for: request)
    }

    struct ProblemBody: Decodable { var problem: String }

    func askEmergency(_ contact: Contact, _ request: Request, _ context: SupportRequestContext) async throws -> Response {
        let body = try await request.decode(as: ProblemBody.self, context: context)
        guard !body.problem.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw HTTPError(.badRequest, message: "problem: describe the problem in a few words")
        }
        switch try await account.requestEmergency(contact, problem: body.problem, via: via, now: environment.now()) {
        case .accepted(let queued): return try context.json(EmergencyJSON(queued), status: .created, for: request)
        case .refused(let rule, let reason):
            operations.state.countRefusal(rule.rawValue)
            return try context.json(RefusalJSON(rule, reason: reason), status: rule.httpStatus, for: request)
        }
    }

    struct NoteBody: Decodable { var note: String? }

    struct ReturnCallJSON: Encodable {
        var id: String
        var start: Date
        var end: Date
        var local: String
        var note: String?
    }

    func askCallback(_ contact: Contact, _ request: Request, _ context: SupportRequestContext) async throws -> Response {
        let body = try await request.decodeIfPresent(as: NoteBody.self, context: context)
        switch try await account.requestReturnCall(contact, note: body?.note, via: via, now: environment.now()) {
        case .accepted(let call):
            let json = ReturnCallJSON(
                id: call.id, start: call.start, end: call.end, local: CustomerTime.describe(call.start, in: contact.timeZone),
                note: call.note)
            return try context.json(json, status: .created, for: request)
        case .refused(let rule, let reason):
            operations.state.countRefusal(rule.rawValue)
            return try context.json(RefusalJSON(rule, reason: reason), status: rule.httpStatus, for: request)
        }
    }
}
