import Crypto
import Foundation
import Hummingbird
import Mail

/// CSRF protection for the pages' forms (double submit, signed): every page sets a random
/// cookie, and each form carries an HMAC of it. A form posted from another site has the
/// cookie (unless SameSite stops it) but cannot compute the field.
struct FormProtection: Sendable {
    static let cookieName = "supportcal_form"
    /// Bytes, not a `SymmetricKey`: swift-crypto 3 does not mark that type Sendable.
    let key: Data
    let secureCookie: Bool

    /// The visitor's cookie value, or a new one to set.
    func session(_ request: Request) -> (value: String, isNew: Bool) {
        if let value = request.cookies[Self.cookieName]?.value, value.count == 64, value.allSatisfy(\.isHexDigit) {
            return (value, false)
        }
        return (LinkSigningKey.generate(), true)
    }

    func field(for session: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(("supportcal-form." + session).utf8), using: SymmetricKey(data: key))
        return Data(mac).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    func cookie(_ value: String) -> Cookie {
        Cookie(name: Self.cookieName, value: value, maxAge: 12 * 3600, path: "/", secure: secureCookie, httpOnly: true, sameSite: .strict)
    }

    /// 403 unless the form's field matches the cookie.
    func verify(_ request: Request, field: String?) throws {
        guard let cookie = request.cookies[Self.cookieName]?.value, let field, secretsMatch(field, self.field(for: cookie)) else {
            throw HTTPError(
                .forbidden, message: "This form has expired or did not come from this site. Go back, reload the page and try again.")
        }
    }
}
