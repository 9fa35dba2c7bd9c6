import Foundation
import HTTPTypes
import Hummingbird

/// Who a request speaks for, from its `Authorization: Bearer` header.
enum Caller: Equatable, Sendable {
    case staff
    case webhook
    case anonymous
}

/// Reads the bearer token once per request into `context.caller`.
struct CallerMiddleware: RouterMiddleware {
    typealias Context = SupportRequestContext
    let staffToken: String?
    let webhookToken: String?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.caller = caller(request)
        return try await next(request, context)
    }

    func caller(_ request: Request) -> Caller {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else { return .anonymous }
        let token = String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)
        if let staffToken, secretsMatch(token, staffToken) { return .staff }
        if let webhookToken, secretsMatch(token, webhookToken) { return .webhook }
        return .anonymous
    }
}

/// On a route group: only these callers get through; 401 without credentials, 403 with
/// wrong ones. Staff may do whatever the conference system's webhook may.
struct RequireCaller: RouterMiddleware {
    typealias Context = SupportRequestContext
    let allowed: Set<Caller>

    static let staff = RequireCaller(allowed: [.staff])
    static let webhook = RequireCaller(allowed: [.webhook, .staff])

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard allowed.contains(context.caller) else { throw Self.unauthorized(request) }
        return try await next(request, context)
    }

    static func unauthorized(_ request: Request) -> HTTPError {
        request.headers[.authorization] == nil
            ? HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer"], message: "this endpoint needs a bearer token")
            : HTTPError(.forbidden, message: "the bearer token is not accepted here")
    }
}
