import Foundation
import Scheduling
import Store

/// The staff console's sign-in: the same emailed one-time links and stored sessions as the
/// customer account (`SignInSessions`), for the staff members in the store's mirror of
/// `[[staff]]`, by their configured email. A contact's link or session never signs a
/// staff member in, nor the other way round.
public struct StaffSignIn: Sendable {
    public var sessions: SignInSessions
    public var linkLifetime: TimeInterval { sessions.linkLifetime }
    public var idleLimit: TimeInterval { sessions.idleLimit }

    public init(store: SupportStore) {
        sessions = SignInSessions(store: store)
        // A shorter day for the console: staff sign in again after 12 hours idle.
        sessions.idleLimit = 12 * 3600
    }

    static func actor(_ key: StaffKey) -> SignInSessions.Actor { SignInSessions.Actor(name: "staff:\(key.rawValue)", companyID: nil) }

    /// A link to email, or nil when the address is no active staff member's (or past the
    /// hourly limit). Callers answer the same words either way.
    public func requestLink(email: String, via: String, now: Date) async throws -> (staff: StaffProfile, token: String)? {
        let sessions = sessions
        let address = email.trimmingCharacters(in: .whitespaces).lowercased()
        return try await sessions.store.write { tx -> (StaffProfile, String)? in
            guard let member = try tx.staffProfiles().first(where: { $0.email?.lowercased() == address && $0.isActive }),
                let token = try sessions.issueLink(in: tx, for: .staff(member.key), actor: Self.actor(member.key), via: via, now: now)
            else { return nil }
            return (member, token)
        }
    }

    /// Follows a link: a new session id and the staff member, or nil.
    public func signIn(token: String, via: String, now: Date) async throws -> (session: String, staff: StaffKey)? {
        let signedIn = try await sessions.signIn(token: token, via: via, now: now) { holder, _ in holder.staffKey.map(Self.actor) }
        guard let signedIn, let key = signedIn.holder.staffKey else { return nil }
        return (signedIn.session, key)
    }

    /// The staff member of a live session id, or nil (a contact's session is no staff member's).
    public func staff(session: String, now: Date) async throws -> StaffKey? {
        try await sessions.holder(session: session, now: now)?.staffKey
    }

    @discardableResult
    public func signOut(session: String, via: String, now: Date) async throws -> Bool {
        try await sessions.signOut(session: session, via: via, now: now) { holder, _ in
            SignInSessions.Actor(name: "staff:\(holder.staffKey?.rawValue ?? "?")", companyID: nil)
        }
    }
}
