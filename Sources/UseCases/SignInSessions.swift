import Crypto
import Foundation
import Mail
import Scheduling
import Store

/// The sign-in mechanism the support account and the staff console share: one-time links
/// valid for `linkLifetime`, sessions that end after `idleLimit` idle, both stored as
/// SHA-256 digests of 32 random bytes (base64url), so neither a copy of the database nor
/// a log line signs anyone in. Who signs in (the holder) is decided by the caller; every
/// step is audited under the caller's actor.
public struct SignInSessions: Sendable {
    public var store: SupportStore
    public var linkLifetime: TimeInterval = 15 * 60
    public var idleLimit: TimeInterval = 30 * 86_400
    /// Links sent to one holder per hour, beyond which a request sends nothing more.
    public var linksPerHour = 5

    public init(store: SupportStore) {
        self.store = store
    }

    /// Who did it, for the audit log: `customer:<email>` or `staff:<key>`.
    public struct Actor: Sendable {
        var name: String
        var companyID: CompanyID?
    }

    /// A new link's token for `holder`, or nil past the hourly limit. Runs in the caller's
    /// transaction, after it found the holder.
    func issueLink(in tx: StoreTransaction, for holder: SignInHolder, actor: Actor, via: String, now: Date) throws -> String? {
        guard try tx.signInLinkCount(for: holder, since: now.addingTimeInterval(-3600)) < linksPerHour else { return nil }
        let token = Self.randomToken()
        try tx.insertSignInLink(digest: Self.digest(token), for: holder, at: now, expires: now.addingTimeInterval(linkLifetime))
        try tx.audit(AuditRecord(at: now, actor: actor.name, action: "account.sign-in-link-sent", companyID: actor.companyID, via: via))
        return token
    }

    /// Follows a link: a new session id (for the cookie) and its holder, when `accepts`
    /// takes the holder (the audience) and names its actor.
    func signIn(token: String, via: String, now: Date, accepts: @escaping @Sendable (SignInHolder, StoreTransaction) throws -> Actor?)
        async throws -> (session: String, holder: SignInHolder)?
    {
        let session = Self.randomToken()
        let (linkDigest, sessionDigest) = (Self.digest(token), Self.digest(session))
        return try await store.write { tx -> (String, SignInHolder)? in
            guard let holder = try tx.redeemSignInLink(digest: linkDigest, at: now), let actor = try accepts(holder, tx) else { return nil }
            try tx.startSession(digest: sessionDigest, for: holder, at: now)
            try tx.audit(AuditRecord(at: now, actor: actor.name, action: "account.signed-in", companyID: actor.companyID, via: via))
            return (session, holder)
        }
    }

    /// The holder of a live session id, or nil.
    func holder(session: String, now: Date) async throws -> SignInHolder? {
        let (digest, idle) = (Self.digest(session), idleLimit)
        return try await store.write { tx in try tx.touchSession(digest: digest, at: now, idleLimit: idle) }
    }

    /// Ends the session; true if it was live.
    func signOut(session: String, via: String, now: Date, actor: @escaping @Sendable (SignInHolder, StoreTransaction) throws -> Actor)
        async throws -> Bool
    {
        let digest = Self.digest(session)
        return try await store.write { tx in
            guard let holder = try tx.endSession(digest: digest, at: now) else { return false }
            let who = try actor(holder, tx)
            try tx.audit(AuditRecord(at: now, actor: who.name, action: "account.signed-out", companyID: who.companyID, via: via))
            return true
        }
    }

    /// A bearer token for `holder`: a session of its own (same idle limit). Shown once.
    func issueAPIToken(for holder: SignInHolder, actor: Actor, via: String, now: Date) async throws -> String {
        let token = Self.randomToken()
        let digest = Self.digest(token)
        try await store.write { tx in
            try tx.startSession(digest: digest, for: holder, at: now, isAPIToken: true)
            try tx.audit(AuditRecord(at: now, actor: actor.name, action: "account.api-token-issued", companyID: actor.companyID, via: via))
        }
        return token
    }

    func revokeAPITokens(of holder: SignInHolder, actor: Actor, via: String, now: Date) async throws -> Int {
        try await store.write { tx in
            let count = try tx.endAPITokens(for: holder, at: now)
            try tx.audit(
                AuditRecord(
                    at: now, actor: actor.name, action: "account.api-tokens-revoked", companyID: actor.companyID, via: via,
                    details: ["count": "\(count)"]))
            return count
        }
    }

    static func randomToken() -> String {
        LinkSigner.base64URL(SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) })
    }

    static func digest(_ secret: String) -> [UInt8] { Array(SHA256.hash(data: Data(secret.utf8))) }
}
