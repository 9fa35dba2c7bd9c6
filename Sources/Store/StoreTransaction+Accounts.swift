import Foundation
internal import GRDB
import Scheduling

// The customer account's sign-in links and sessions. Callers pass digests (SHA-256 of the
// token or session id); the secrets themselves live only in the email and the cookie.
extension StoreTransaction {
    /// Records a sign-in link for `contact`, valid until `expires`.
    public func insertSignInLink(digest: [UInt8], contact: ContactID, at now: Date, expires: Date) throws {
        try requireWritable("record a sign-in link")
        try translating("recording a sign-in link for \(contact)", constraint: { "there is no contact with id \(contact)" }) {
            try db.execute(
                sql: "INSERT INTO account_sign_in_links (token_digest, contact_id, created_ms, expires_ms) VALUES (?, ?, ?, ?)",
                arguments: [Data(digest), contact.rawValue, Instant.ms(now), Instant.ms(expires)])
        }
    }

    /// How many sign-in links `contact` was sent since `since` (the per-address limit).
    public func signInLinkCount(contact: ContactID, since: Date) throws -> Int {
        try translating("counting sign-in links of \(contact)") {
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM account_sign_in_links WHERE contact_id = ? AND created_ms >= ?",
                arguments: [contact.rawValue, Instant.ms(since)]) ?? 0
        }
    }

    /// Uses the link once: the contact it was sent to, if it is unused, unexpired and the
    /// contact is still current; nil otherwise (the link is spent either way once used).
    public func redeemSignInLink(digest: [UInt8], at now: Date) throws -> Contact? {
        try requireWritable("use a sign-in link")
        return try translating("using a sign-in link") {
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT contact_id, expires_ms, used_ms FROM account_sign_in_links WHERE token_digest = ?",
                    arguments: [Data(digest)])
            else { return nil }
            let usedMs: Int64? = row["used_ms"]
            guard usedMs == nil else { return nil }
            try db.execute(
                sql: "UPDATE account_sign_in_links SET used_ms = ? WHERE token_digest = ?", arguments: [Instant.ms(now), Data(digest)])
            let expiresMs: Int64 = row["expires_ms"]
            guard Instant.ms(now) < expiresMs else { return nil }
            return try currentContact(ContactID(row["contact_id"] as String))
        }
    }

    /// Starts a session for `contact`: a browser's (cookie) or an API token.
    public func startAccountSession(digest: [UInt8], contact: ContactID, at now: Date, isAPIToken: Bool = false) throws {
        try requireWritable("start a session")
        try translating("starting a session for \(contact)", constraint: { "there is no contact with id \(contact)" }) {
            try db.execute(
                sql: "INSERT INTO account_sessions (id_digest, contact_id, created_ms, last_seen_ms, kind) VALUES (?, ?, ?, ?, ?)",
                arguments: [Data(digest), contact.rawValue, Instant.ms(now), Instant.ms(now), isAPIToken ? "api" : "browser"])
        }
    }

    /// How many live API tokens `contact` has (the profile shows it).
    public func apiTokenCount(contact: ContactID) throws -> Int {
        try translating("counting API tokens of \(contact)") {
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM account_sessions WHERE contact_id = ? AND kind = 'api' AND ended_ms IS NULL",
                arguments: [contact.rawValue]) ?? 0
        }
    }

    /// Ends every API token of `contact`; how many were live.
    @discardableResult
    public func endAPITokens(contact: ContactID, at now: Date) throws -> Int {
        try requireWritable("revoke API tokens")
        return try translating("revoking API tokens of \(contact)") {
            try db.execute(
                sql: "UPDATE account_sessions SET ended_ms = ? WHERE contact_id = ? AND kind = 'api' AND ended_ms IS NULL",
                arguments: [Instant.ms(now), contact.rawValue])
            return db.changesCount
        }
    }

    /// The contact of a live session, marking it seen now: nil when it was ended, has been
    /// idle `idleLimit` or longer, or its contact was removed.
    public func touchAccountSession(digest: [UInt8], at now: Date, idleLimit: TimeInterval) throws -> Contact? {
        try requireWritable("use a session")
        return try translating("reading a session") {
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT contact_id, last_seen_ms, ended_ms FROM account_sessions WHERE id_digest = ?",
                    arguments: [Data(digest)])
            else { return nil }
            let ended: Int64? = row["ended_ms"]
            let lastSeen: Int64 = row["last_seen_ms"]
            guard ended == nil, Instant.ms(now) - lastSeen < Instant.ms(Date(timeIntervalSince1970: idleLimit)) else { return nil }
            guard let contact = try currentContact(ContactID(row["contact_id"] as String)) else { return nil }
            // Idle time is counted in minutes: a page's several requests write once.
            if Instant.ms(now) - lastSeen >= 60_000 {
                try db.execute(
                    sql: "UPDATE account_sessions SET last_seen_ms = ? WHERE id_digest = ?", arguments: [Instant.ms(now), Data(digest)])
            }
            return contact
        }
    }

    /// Ends a session (sign-out); returns its contact if it was live.
    @discardableResult
    public func endAccountSession(digest: [UInt8], at now: Date) throws -> ContactID? {
        try requireWritable("end a session")
        return try translating("ending a session") {
            guard
                let contact = try String.fetchOne(
                    db, sql: "SELECT contact_id FROM account_sessions WHERE id_digest = ? AND ended_ms IS NULL", arguments: [Data(digest)])
            else { return nil }
            try db.execute(sql: "UPDATE account_sessions SET ended_ms = ? WHERE id_digest = ?", arguments: [Instant.ms(now), Data(digest)])
            return ContactID(contact)
        }
    }

    /// The contact if it was not removed.
    private func currentContact(_ id: ContactID) throws -> Contact? {
        guard let row = try ContactRow.fetchOne(db, key: id.rawValue), row.removedAtMs == nil else { return nil }
        return try row.contact()
    }
}
