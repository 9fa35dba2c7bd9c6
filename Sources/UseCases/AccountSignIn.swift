import Foundation
import Scheduling
import Store

/// The customer account's sign-in by emailed link (issue 15): a one-time link valid for
/// 15 minutes, bound to one contact, starting a session that lasts until 30 days idle.
/// The mechanism is `SignInSessions`; this is its customer audience: only a current
/// contact's link or session counts here.
public struct AccountSignIn: Sendable {
    public var sessions: SignInSessions
    public var linkLifetime: TimeInterval { sessions.linkLifetime }
    public var idleLimit: TimeInterval { sessions.idleLimit }

    public init(store: SupportStore) {
        sessions = SignInSessions(store: store)
    }

    static func actor(_ contact: Contact) -> SignInSessions.Actor {
        SignInSessions.Actor(name: "customer:\(contact.email)", companyID: contact.companyID)
    }

    /// A link to email, or nil when the address is no current contact's or too many
    /// links went to it this hour. Callers answer the same words either way.
    public func requestLink(email: String, via: String, now: Date) async throws -> (contact: Contact, token: String)? {
        let sessions = sessions
        return try await sessions.store.write { tx -> (Contact, String)? in
            guard let contact = try tx.contact(email: email.trimmingCharacters(in: .whitespaces)),
                let token = try sessions.issueLink(in: tx, for: .contact(contact.id), actor: Self.actor(contact), via: via, now: now)
            else { return nil }
            return (contact, token)
        }
    }

    /// Follows a link: a new session id (for the cookie) and its contact, or nil for a
    /// link that is unknown, used, expired, a staff member's, or whose contact was removed.
    public func signIn(token: String, via: String, now: Date) async throws -> (session: String, contact: Contact)? {
        let signedIn = try await sessions.signIn(token: token, via: via, now: now) { holder, tx in
            try holder.contactID.flatMap { try tx.currentContact($0) }.map(Self.actor)
        }
        guard let signedIn, let id = signedIn.holder.contactID else { return nil }
        return (signedIn.session, try await contact(id))
    }

    private func contact(_ id: ContactID) async throws -> Contact {
        try await sessions.store.read { tx in try tx.requireContact(id) }
    }

    /// The signed-in contact of a session id from a cookie, or nil (a staff member's
    /// session is no contact's).
    public func contact(session: String, now: Date) async throws -> Contact? {
        guard let id = try await sessions.holder(session: session, now: now)?.contactID else { return nil }
        return try await sessions.store.read { tx in try tx.currentContact(id) }
    }

    /// Ends the session; true if it was live.
    @discardableResult
    public func signOut(session: String, via: String, now: Date) async throws -> Bool {
        try await sessions.signOut(session: session, via: via, now: now) { holder, tx in
            let contact = try holder.contactID.flatMap { try tx.contact($0) }
            return SignInSessions.Actor(
                name: "customer:\(contact?.email ?? holder.contactID?.rawValue ?? "?")", companyID: contact?.companyID)
        }
    }

    /// A bearer token for `/api/account/…`, issued to a signed-in contact: a session of
    /// its own (same idle limit), ended by revoking the contact's tokens. Shown once.
    public func issueAPIToken(for contact: Contact, via: String, now: Date) async throws -> String {
        try await sessions.issueAPIToken(for: .contact(contact.id), actor: Self.actor(contact), via: via, now: now)
    }

    /// Ends every API token of the contact; how many were live.
    @discardableResult
    public func revokeAPITokens(of contact: Contact, via: String, now: Date) async throws -> Int {
        try await sessions.revokeAPITokens(of: .contact(contact.id), actor: Self.actor(contact), via: via, now: now)
    }
}
