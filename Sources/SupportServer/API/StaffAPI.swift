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
        router.get("/api/emergencies/openings") { request, _ in try await openings(request) }
        router.post("/api/emergencies") { request, context in try await place(request, context) }
        router.post("/api/return-calls") { request, context in try await requestReturnCall(request, context) }
        router.post("/api/return-calls/:id/attempt") { request, context in try await attempt(request, context) }
        router.post("/api/companies/:id/reinstatement") { request, context in try await reinstate(request, context) }
    }

    func openings(_ request: Request) async throws -> Response {
        try request.requireStaff(environment)
        guard let email = request.uri.queryParameters.get("contact") else { throw HTTPError(.badRequest, message: "contact is required") }
        let (company, contact) = try await operations.contact(email: email)
        let now = environment.now()
        switch try await operations.desk.emergencyOpenings(for: company, contact: contact, now: now) {
        case .refused(let rule, let reason):
            operations.state.countRefusal(rule.rawValue)
            return try JSONResponse.refusal(rule, reason: reason)
        case .accepted(let openings):
            return try JSONResponse.make(openings.map { OpeningJSON($0, zone: contact.timeZone) })
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
        try request.requireStaff(environment)
        let body = try JSONResponse.decode(PlaceBody.self, from: try await request.bodyData(limit: context.maxUploadSize))
        let (company, contact) = try await operations.contact(email: body.contact)
        let type = try operations.sessionType(kind: body.kind ?? SessionKind.phoneSupport.rawValue, length: body.length ?? 30)
        let start = try BookingsAPI.instant(body.start, zone: contact.timeZone, name: "start")
        let now = environment.now()
        let decision = try await operations.desk.placeEmergency(
            company: company, contact: contact, type: type, start: start, staff: StaffKey(body.staff), actor: actor, now: now)
        switch decision {
        case .refused(let rule, let reason):
            operations.state.countRefusal(rule.rawValue)
            return try JSONResponse.refusal(rule, reason: reason)
        case .accepted(let stored):
            return try JSONResponse.make(BookingJSON(stored.booking, contact: contact, isEmergency: true, links: nil), status: .created)
        }
    }

    struct ReturnCallBody: Decodable {
        var contact: String
        var note: String?
    }

    func requestReturnCall(_ request: Request, _ context: SupportRequestContext) async throws -> Response {
        try request.requireStaff(environment)
        let body = try JSONResponse.decode(ReturnCallBody.self, from: try await request.bodyData(limit: context.maxUploadSize))
        let (company, contact) = try await operations.contact(email: body.contact)
        let now = environment.now()
        switch try await operations.desk.requestReturnCall(company: company, contact: contact, note: body.note, actor: actor, now: now) {
        case .refused(let rule, let reason):
            operations.state.countRefusal(rule.rawValue)
            return try JSONResponse.refusal(rule, reason: reason)
        case .accepted(let record):
            return try JSONResponse.make(ReturnCallJSON(record, contact: contact), status: .created)
        }
    }

    struct AttemptBody: Decodable { var outcome: String }

    func attempt(_ request: Request, _ context: SupportRequestContext) async throws -> Response {
        try request.requireStaff(environment)
        let id = try context.parameters.require("id")
        let body = try JSONResponse.decode(AttemptBody.self, from: try await request.bodyData(limit: context.maxUploadSize))
        guard let outcome = ReturnCallOutcome(rawValue: body.outcome) else {
            throw HTTPError(
                .badRequest, message: "outcome must be one of \(ReturnCallOutcome.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let (record, resolution) = try await operations.desk.recordReturnCall(id, outcome: outcome, actor: actor, now: environment.now())
        var next: String?
        if case .mustBookSession(let reason) = resolution { next = reason }
        return try JSONResponse.make(ReturnCallJSON(record, contact: try await operations.contact(record.contactID), next: next))
    }

    struct ReinstateBody: Decodable {
        var reference: String
        var amount: String?
    }

    func reinstate(_ request: Request, _ context: SupportRequestContext) async throws -> Response {
        try request.requireStaff(environment)
        let company = try context.parameters.require("id")
        guard try await operations.companyExists(CompanyID(company)) else {
            throw HTTPError(.notFound, message: "there is no company \(company.prefix(64))")
        }
        let body = try JSONResponse.decode(ReinstateBody.self, from: try await request.bodyData(limit: context.maxUploadSize))
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
            return try JSONResponse.refusal(rule, reason: reason)
        case .accepted(let payment):
            return try JSONResponse.make(ReinstatementJSON(payment), status: .created)
        }
    }
}
