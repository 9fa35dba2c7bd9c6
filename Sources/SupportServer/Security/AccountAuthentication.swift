import Foundation
import Hummingbird
import Scheduling
import UseCases

/// Who is signed in to the customer account: the session id in the `supportcal_account`
/// cookie (`HttpOnly`, `SameSite=Lax`, `Secure` over https) or, for `/api/account/…`, an
/// API token as `Authorization: Bearer`. Both are looked up in the store, so any service
/// instance answers, and a removed contact's session ends at once.
struct AccountAuthentication: Sendable {
    static let cookieName = "supportcal_account"
    let environment: ServerEnvironment

    struct SignedIn: Sendable {
        var session: String
        var contact: Contact
        /// By cookie (a browser) rather than by bearer token.
        var byCookie: Bool
    }

    /// The signed-in contact, or nil. A bearer token counts only where `bearer` allows.
    func signedIn(_ request: Request, bearer: Bool = false) async throws -> SignedIn? {
        if bearer, let header = request.headers[.authorization], header.hasPrefix("Bearer ") {
            let token = String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)
            guard Self.looksLikeSession(token) else { return nil }
            return try await environment.signIn.contact(session: token, now: environment.now()).map {
                SignedIn(session: token, contact: $0, byCookie: false)
            }
        }
        guard let value = request.cookies[Self.cookieName]?.value, Self.looksLikeSession(value) else { return nil }
        return try await environment.signIn.contact(session: value, now: environment.now()).map {
            SignedIn(session: value, contact: $0, byCookie: true)
        }
    }

    /// 43 base64url characters (32 random bytes): anything else is not looked up.
    static func looksLikeSession(_ text: String) -> Bool {
        text.utf8.count == 43 && text.utf8.allSatisfy { $0.isBase64URL }
    }
}

extension UInt8 {
    fileprivate var isBase64URL: Bool {
        (0x30...0x39).contains(self) || (0x41...0x5A).contains(self) || (0x61...0x7A).contains(self) || self == 0x2D || self == 0x5F
    }
}
