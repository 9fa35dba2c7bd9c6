import Crypto
import Foundation
import Mail
import Scheduling
import Store

/// The customer account's sign-in by emailed link (issue 15): a one-time link valid for
/// 15 minutes, bound to one contact, starting a session that lasts until 30 days idle.
///
/// Link tokens and session ids are 32 random bytes (base64url); the store keeps only
/// their SHA-256, so neither a copy of the database nor a log line signs anyone in.
/// Every sign-in and sign-out is in the audit log.
public struct AccountSignIn: Sendable {
    public var store: SupportStore
    public var linkLifetime: TimeInterval = 15 * 60
    public var idleLimit: TimeInterval = 30 * 86_400
    /// Links sent to one contact per hour, beyond which a request sends nothing more.
    public var linksPerHour = 5

    public init(store: SupportStore) {
        self.store = store
    }

    /// A link to email, or nil when the address is no current contact's or too many
    /// links went to it this hour. Callers answer the same words either way.
    public func requestLink(email: String, via: String, now: Date) async throws -> (contact: Contact, token: String)? {
        let token = Self.randomToken()
        let digest = Self.digest(token)
        let (lifetime, limit) = (linkLifetime, linksPerHour)
        return try await store.write { tx -> (Contact, String)? in
            guard let contact = try tx.contact(email: email.trimmingCharacters(in: .whitespaces)) else { return nil }
            guard try tx.signInLinkCount(contact: contact.id, since: now.addingTimeInterval(-3600)) < limit else { return nil }
            try tx.insertSignInLink(digest: digest, contact: contact.id, at: now, expires: now.addingTimeInterval(lifetime))
            try tx.audit(
                AuditRecord(
                    at: now, actor: "customer:\(contact.email)", action: "account.sign-in-link-sent", companyID: contact.companyID, via: via
                ))
            return (contact, token)
        }
    }

    /// Follows a link: a new session id (for the cookie) and its contact, or nil for a
    /// link that is unknown, used, expired or whose contact was removed.
    public func signIn(token: String, via: String, now: Date) async throws -> (session: String, contact: Contact)? {
        let session = Self.randomToken()
        let (linkDigest, sessionDigest) = (Self.digest(token), Self.digest(session))
        return try await store.write { tx -> (String, Contact)? in
            guard let contact = try tx.redeemSignInLink(digest: linkDigest, at: now) else { return nil }
            try tx.startAccountSession(digest: sessionDigest, contact: contact.id, at: now)
            try tx.audit(
                AuditRecord(
                    at: now, actor: "customer:\(contact.email)", action: "account.signed-in", companyID: contact.companyID, via: via))
            return (session, contact)
        }
    }

    /// The signed-in contact of a session id from a cookie, or nil.
    public func contact(session: String, now: Date) async throws -> Contact? {
        let (digest, idle) = (Self.digest(session), idleLimit)
        return try await store.write { tx in try tx.touchAccountSession(digest: digest, at: now, idleLimit: idle) }
    }

    /// Ends the session; true if it was live.
    @discardableResult
    public func signOut(session: String, via: String, now: Date) async throws -> Bool {
        let digest = Self.digest(session)
        return try await store.write { tx in
            guard let id = try tx.endAccountSession(digest: digest, at: now) else { return false }
            let contact = try tx.contact(id)
            try tx.audit(
                AuditRecord(
                    at: now, actor: "customer:\(contact?.email ?? id.rawValue)", action: "account.signed-out",
                    companyID: contact?.companyID,
                    via: via))
            return true
        }
    }

    /// A bearer token for `/api/account/…`, issued to a signed-in contact: a session of
    /// its own (same idle limit), ended by revoking the contact's tokens. Shown once.
    public func issueAPIToken(for contact: Contact, via: String, now: Date) async throws -> String {
        let token = Self.randomToken()
        let digest = Self.digest(token)
        try await store.write { tx in
            try tx.startAccountSession(digest: digest, contact: contact.id, at: now, isAPIToken: true)
            try tx.audit(
                AuditRecord(
                    at: now, actor: "customer:\(contact.email)", action: "account.api-token-issued", companyID: contact.companyID,
                    via: via))
        }
        return token
    }

    /// Ends every API token of the contact; how many were live.
    @discardableResult
    public func revokeAPITokens(of contact: Contact, via: String, now: Date) async throws -> Int {
        try await store.write { tx in
            let count = try tx.endAPITokens(contact: contact.id, at: now)
            try tx.audit(
                AuditRecord(
                    at: now, actor: "customer:\(contact.email)", action: "account.api-tokens-revoked", companyID: contact.companyID,
                    via: via, details: ["count": "\(count)"]))
            return count
        }
    }

    static func randomToken() -> String {
        LinkSigner.base64URL(SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) })
    }

    static func digest(_ secret: String) -> [UInt8] { Array(SHA256.hash(data: Data(secret.utf8))) }
}
