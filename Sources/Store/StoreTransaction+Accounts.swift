import Foundation
internal import GRDB
import Scheduling

/// Whom a sign-in link or session belongs to: a customer's contact (the support account)
/// or a staff member (the staff console). One store for both; the audience is the holder,
/// so a contact's session can never stand for a staff member.
public enum SignInHolder: Hashable, Sendable {
    case contact(ContactID)
    case staff(StaffKey)

    var column: String {
        switch self {
        case .contact: "contact_id"
        case .staff: "staff_key"
        }
    }

    var value: String {
        switch self {
        case .contact(let id): id.rawValue
        case .staff(let key): key.rawValue
        }
    }

    public var contactID: ContactID? { if case .contact(let id) = self { id } else { nil } }
    public var staffKey: StaffKey? { if case .staff(let key) = self { key } else { nil } }
}

// Sign-in links and sessions (migration v8's `sign_in_links` and `sign_in_sessions`).
// Callers pass digests (SHA-256 of the token or session id); the secrets themselves live
// only in the email and the cookie.
extension StoreTransaction {
    /// Records a sign-in link for `holder`, valid until `expires`.
    public func insertSignInLink(digest: [UInt8], for holder: SignInHolder, at now: Date, expires: Date) throws {
        try requireWritable("record a sign-in link")
        try translating("recording a sign-in link for \(holder.value)", constraint: { "there is no \(holder.value) to sign in" }) {
            try db.execute(
                sql: "INSERT INTO sign_in_links (token_digest, \(holder.column), created_ms, expires_ms) VALUES (?, ?, ?, ?)",
                arguments: [Data(digest), holder.value, Instant.ms(now), Instant.ms(expires)])
        }
    }

    /// How many sign-in links went to `holder` since `since` (the per-address limit).
    public func signInLinkCount(for holder: SignInHolder, since: Date) throws -> Int {
        try translating("counting sign-in links of \(holder.value)") {
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM sign_in_links WHERE \(holder.column) = ? AND created_ms >= ?",
                arguments: [holder.value, Instant.ms(since)]) ?? 0
        }
    }

    /// Uses the link once: whom it was sent to, if it is unused, unexpired and its holder
    /// is still current (a contact not removed, a staff member still configured); nil
    /// otherwise (the link is spent either way once used).
    public func redeemSignInLink(digest: [UInt8], at now: Date) throws -> SignInHolder? {
        try requireWritable("use a sign-in link")
        return try translating("using a sign-in link") {
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT contact_id, staff_key, expires_ms, used_ms FROM sign_in_links WHERE token_digest = ?",
                    arguments: [Data(digest)])
            else { return nil }
            let usedMs: Int64? = row["used_ms"]
            guard usedMs == nil else { return nil }
            try db.execute(sql: "UPDATE sign_in_links SET used_ms = ? WHERE token_digest = ?", arguments: [Instant.ms(now), Data(digest)])
            let expiresMs: Int64 = row["expires_ms"]
            guard Instant.ms(now) < expiresMs else { return nil }
            return try currentHolder(row)
        }
    }

    /// Starts a session for `holder`: a browser's (cookie) or an API token.
    public func startSession(digest: [UInt8], for holder: SignInHolder, at now: Date, isAPIToken: Bool = false) throws {
        try requireWritable("start a session")
        try translating("starting a session for \(holder.value)", constraint: { "there is no \(holder.value) to sign in" }) {
            try db.execute(
                sql: "INSERT INTO sign_in_sessions (id_digest, \(holder.column), created_ms, last_seen_ms, kind) VALUES (?, ?, ?, ?, ?)",
                arguments: [Data(digest), holder.value, Instant.ms(now), Instant.ms(now), isAPIToken ? "api" : "browser"])
        }
    }

    /// How many live API tokens `holder` has (the profile shows it).
    public func apiTokenCount(for holder: SignInHolder) throws -> Int {
        try translating("counting API tokens of \(holder.value)") {
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM sign_in_sessions WHERE \(holder.column) = ? AND kind = 'api' AND ended_ms IS NULL",
                arguments: [holder.value]) ?? 0
        }
    }

    /// Ends every API token of `holder`; how many were live.
    @discardableResult
    public func endAPITokens(for holder: SignInHolder, at now: Date) throws -> Int {
        try requireWritable("revoke API tokens")
        return try translating("revoking API tokens of \(holder.value)") {
            try db.execute(
                sql: "UPDATE sign_in_sessions SET ended_ms = ? WHERE \(holder.column) = ? AND kind = 'api' AND ended_ms IS NULL",
                arguments: [Instant.ms(now), holder.value])
            return db.changesCount
        }
    }

    /// The holder of a live session, marking it seen now: nil when it was ended, has been
    /// idle `idleLimit` or longer, or its holder is no longer current.
    public func touchSession(digest: [UInt8], at now: Date, idleLimit: TimeInterval) throws -> SignInHolder? {
        try requireWritable("use a session")
        return try translating("reading a session") {
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT contact_id, staff_key, last_seen_ms, ended_ms FROM sign_in_sessions WHERE id_digest = ?",
                    arguments: [Data(digest)])
            else { return nil }
            let ended: Int64? = row["ended_ms"]
            let lastSeen: Int64 = row["last_seen_ms"]
            guard ended == nil, Instant.ms(now) - lastSeen < Instant.ms(Date(timeIntervalSince1970: idleLimit)) else { return nil }
            guard let holder = try currentHolder(row) else { return nil }
            // Idle time is counted in minutes: a page's several requests write once.
            if Instant.ms(now) - lastSeen >= 60_000 {
                try db.execute(
                    sql: "UPDATE sign_in_sessions SET last_seen_ms = ? WHERE id_digest = ?", arguments: [Instant.ms(now), Data(digest)])
            }
            return holder
        }
    }

    /// Ends a session (sign-out); returns its holder if it was live.
    @discardableResult
    public func endSession(digest: [UInt8], at now: Date) throws -> SignInHolder? {
        try requireWritable("end a session")
        return try translating("ending a session") {
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT contact_id, staff_key FROM sign_in_sessions WHERE id_digest = ? AND ended_ms IS NULL",
                    arguments: [Data(digest)])
            else { return nil }
            try db.execute(sql: "UPDATE sign_in_sessions SET ended_ms = ? WHERE id_digest = ?", arguments: [Instant.ms(now), Data(digest)])
            return Self.holder(row)
        }
    }

    /// The contact if it was not removed.
    public func currentContact(_ id: ContactID) throws -> Contact? {
        guard let row = try ContactRow.fetchOne(db, key: id.rawValue), row.removedAtMs == nil else { return nil }
        return try row.contact()
    }

    private static func holder(_ row: Row) -> SignInHolder? {
        if let contact: String = row["contact_id"] { return .contact(ContactID(contact)) }
        if let staff: String = row["staff_key"] { return .staff(StaffKey(staff)) }
        return nil
    }

    private func currentHolder(_ row: Row) throws -> SignInHolder? {
        switch Self.holder(row) {
        case .contact(let id): try currentContact(id) == nil ? nil : .contact(id)
        case .staff(let key): try staffProfile(key)?.isActive == true ? .staff(key) : nil
        case nil: nil
        }
    }
}
