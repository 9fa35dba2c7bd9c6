import Foundation
import HTTPTypes
import Hummingbird

/// Who a request speaks for, from its `Authorization: Bearer` header.
enum Caller: Equatable {
    case staff
    case webhook
    case anonymous
}

extension Request {
    func caller(_ environment: ServerEnvironment) -> Caller {
        guard let header = headers[.authorization], header.hasPrefix("Bearer ") else { return .anonymous }
        let token = String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)
        if let staff = environment.staffToken, secretsMatch(token, staff) { return .staff }
        if let webhook = environment.webhookToken, secretsMatch(token, webhook) { return .webhook }
        return .anonymous
    }

    /// Staff only: 401 without credentials, 403 with wrong ones.
    func requireStaff(_ environment: ServerEnvironment) throws {
        guard caller(environment) == .staff else { throw Self.unauthorized(self) }
    }

    func requireWebhook(_ environment: ServerEnvironment) throws {
        let caller = caller(environment)
        guard caller == .webhook || caller == .staff else { throw Self.unauthorized(self) }
    }

    private static func unauthorized(_ request: Request) -> HTTPError {
        request.headers[.authorization] == nil
            ? HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer"], message: "this endpoint needs a bearer token")
            : HTTPError(.forbidden, message: "the bearer token is not accepted here")
    }
}
