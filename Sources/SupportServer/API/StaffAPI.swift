import Foundation
import Hummingbird
import Operations
import Scheduling
import Store

/// Staff endpoints (bearer token): emergencies, return calls, reinstatement.
struct StaffAPI: Sendable {
    let operations: ServerOperations
    var environment: ServerEnvironment { operations.environment }
    var actor: BookingDesk.Actor { BookingDesk.Actor("staff", via: "api") }

    func register(on router: Router<SupportRequestContext>) {
        let staff = router.group().add(middleware: RequireCaller.staff)
        staff.get("/api/emergencies/openings") { request, context in try await openings(request, context) }
        staff.post("/api/emergencies") { request, context in try await place(request, context) }
        staff.post("/api/return-calls") { request, context in try await requestReturnCall(request, context) }
        staff.post("/api/return-calls/:id/attempt") { request, context in try await attempt(request, context) }
        staff.post("/api/companies/:id/reinstatement") { request, context in try await reinstate(request, context) }
    }

    func openings(_ request: Request, _ context: SupportRequestContext) async throws -> Response {
        guard let email = request.uri.queryParameters.get("contact") else { throw HTTPError(.badRequest, message: "contact is required") }
        let (company, contact) = try await operations.contact(email: email)
        let now = environment.now()
        switch try await operations.desk.emergencyOpenings(for: company, contact: contact, now: now) {
        case .refused(let rule, let reason):
            operations.state.countRefusal(rule.rawValue)
            return try context.json(RefusalJSON(rule, reason: reason), status: rule.httpStatus, for: request)
        case .accepted(let openings):
            return try context.json(openings.map { OpeningJSON($0, zone: contact.timeZone) }, for: request)
        }
    }

    struct PlaceBody: Decodable {
        var contact: String
        var start: String
        var staff: String
        var kind: String?
        var length: Int?
    }

    func place(_ request: Request, _ context: SupportRequestContext) async throws -> Response {
        let body = try await request.decode(as: PlaceBody.self, context: context)
        let (company, contact) = try await operations.contact(email: body.contact)
        let type = try operations.sessionType(kind: body.kind ?? SessionKind.phoneSupport.rawValue, length: body.length ?? 30)
        let start = try BookingsAPI.instant(body.start, zone: contact.timeZone, name: "start")
        let now = environment.now()
        let decision = try await operations.desk.placeEmergency(
            company: company, contact: contact, type: type, start: start, staff: StaffKey(body.staff), actor: actor, now: now)
        switch decision {
        case .refused(let rule, let reason):
            operations.state.countRefusal(rule.rawValue)
            return try context.json(RefusalJSON(rule, reason: reason), status: rule.httpStatus, for: request)
        case .accepted(let stored):
            return try context.json(
                BookingJSON(stored.booking, contact: contact, isEmergency: true, links: nil), status: .created, for: request)
        }
    }

    struct ReturnCallBody: Decodable {
        var contact: String
        var note: String?
    }

    func requestReturnCall(_ request: Request, _ context: SupportRequestContext) async throws -> Response {
        let body = try await request.decode(as: ReturnCallBody.self, context: context)
        let (company, contact) = try await operations.contact(email: body.contact)
        let now = environment.now()
        switch try await operations.desk.requestReturnCall(company: company, contact: contact, note: body.note, actor: actor, now: now) {
        case .refused(let rule, let reason):
            operations.state.countRefusal(rule.rawValue)
            return try context.json(RefusalJSON(rule, reason: reason), status: rule.httpStatus, for: request)
        case .accepted(let record):
            return try context.json(ReturnCallJSON(record, contact: contact), status: .created, for: request)
        }
    }

    struct AttemptBody: Decodable { var outcome: String }

    func attempt(_ request: Request, _ context: SupportRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let body = try await request.decode(as: AttemptBody.self, context: context)
        guard let outcome = ReturnCallOutcome(rawValue: body.outcome) else {
            throw HTTPError(
                .badRequest, message: "outcome must be one of \(ReturnCallOutcome.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let (record, resolution) = try await operations.desk.recordReturnCall(id, outcome: outcome, actor: actor, now: environment.now())
        var next: String?
        if case .mustBookSession(let reason) = resolution { next = reason }
        return try context.json(ReturnCallJSON(record, contact: try await operations.contact(record.contactID), next: next), for: request)
    }

    struct ReinstateBody: Decodable {
        var reference: String
        var amount: String?
    }

    func reinstate(_ request: Request, _ context: SupportRequestContext) async throws -> Response {
        let company = try context.parameters.require("id")
        guard try await operations.companyExists(CompanyID(company)) else {
            throw HTTPError(.notFound, message: "there is no company \(company.prefix(64))")
        }
        let body = try await request.decode(as: ReinstateBody.self, context: context)
        guard !body.reference.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw HTTPError(.badRequest, message: "reference is required")
        }
        var amount: Money?
        if let text = body.amount {
            let parsed: Money
            do throws(SchedulingError) { parsed = try Money(parsing: text) } catch {
                throw HTTPError(.badRequest, message: "amount: \(error.message)")
            }
            amount = parsed
        }
        switch try await operations.desk.reinstate(
            CompanyID(company), reference: body.reference, amount: amount, actor: actor, now: environment.now())
        {
        case .refused(let rule, let reason):
            operations.state.countRefusal(rule.rawValue)
            return try context.json(RefusalJSON(rule, reason: reason), status: rule.httpStatus, for: request)
        case .accepted(let payment):
            return try context.json(ReinstatementJSON(payment), status: .created, for: request)
        }
    }
}
