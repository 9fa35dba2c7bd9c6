import Foundation
import Scheduling
import Store
import TestSupport
import Testing

@testable import UseCases

/// Sign-in by emailed link, on a real store: one use, 15 minutes, bound to its contact; a
/// session lasts until 30 days idle, ends at sign-out, and dies with its contact.
@Suite struct AccountSignInTests {
    let store: SupportStore
    let signIn: AccountSignIn
    let now = SampleBooking.date("2026-12-01T12:00:00Z")

    init() throws {
        store = try SupportStore(inMemoryWithOutboxRetry: .default, logger: testLogger)
        signIn = AccountSignIn(store: store)
        try store.write { tx in
            try tx.insert(Company(id: "pine", name: "Pine & Co"))
            try tx.insert(
                Contact(id: "pat", companyID: "pine", name: "Pat", email: "pat@pine.example", timeZone: TimeZone(identifier: "UTC")!))
        }
    }

    @Test func aLinkSignsItsContactInOnceAndOnlyOnce() async throws {
        let link = try #require(try await signIn.requestLink(email: " PAT@pine.example", via: "test", now: now))
        #expect(link.contact.id == "pat", "the address is matched ignoring case and spaces")
        let first = try #require(try await signIn.signIn(token: link.token, via: "test", now: now.addingTimeInterval(60)))
        #expect(first.contact.id == "pat")
        #expect(try await signIn.signIn(token: link.token, via: "test", now: now.addingTimeInterval(61)) == nil, "single use")
        let actions = try await store.read { tx in try tx.auditEntries().map(\.record.action) }
        #expect(actions == ["account.sign-in-link-sent", "account.signed-in"])
    }

    @Test(arguments: [(14 * 60 + 59, true), (15 * 60, false), (3600, false)])
    func aLinkLastsFifteenMinutes(secondsLater: Int, works: Bool) async throws {
        let link = try #require(try await signIn.requestLink(email: "pat@pine.example", via: "test", now: now))
        let result = try await signIn.signIn(token: link.token, via: "test", now: now.addingTimeInterval(TimeInterval(secondsLater)))
        #expect((result != nil) == works)
    }

    @Test func unknownAddressesForgedTokensAndFloodsGetNothing() async throws {
        #expect(try await signIn.requestLink(email: "nobody@pine.example", via: "test", now: now) == nil)
        #expect(try await signIn.signIn(token: "forged-token", via: "test", now: now) == nil)
        for _ in 0..<5 { _ = try #require(try await signIn.requestLink(email: "pat@pine.example", via: "test", now: now)) }
        #expect(try await signIn.requestLink(email: "pat@pine.example", via: "test", now: now) == nil, "five an hour")
        #expect(try await signIn.requestLink(email: "pat@pine.example", via: "test", now: now.addingTimeInterval(3601)) != nil)
    }

    @Test func aSessionLastsUntilThirtyDaysIdleOrSignOut() async throws {
        let link = try #require(try await signIn.requestLink(email: "pat@pine.example", via: "test", now: now))
        let session = try #require(try await signIn.signIn(token: link.token, via: "test", now: now)).session
        let day = TimeInterval(86_400)
        #expect(try await signIn.contact(session: session, now: now.addingTimeInterval(29 * day))?.id == "pat")
        #expect(try await signIn.contact(session: session, now: now.addingTimeInterval(58 * day))?.id == "pat", "use renews it")
        #expect(try await signIn.contact(session: session, now: now.addingTimeInterval(88 * day)) == nil, "30 days idle ends it")
        #expect(try await signIn.contact(session: "not-a-session", now: now) == nil)

        let again = try #require(try await signIn.requestLink(email: "pat@pine.example", via: "test", now: now))
        let second = try #require(try await signIn.signIn(token: again.token, via: "test", now: now)).session
        #expect(try await signIn.signOut(session: second, via: "test", now: now))
        #expect(try await signIn.contact(session: second, now: now) == nil)
        #expect(try await signIn.signOut(session: second, via: "test", now: now) == false)
    }

    @Test func aRemovedContactsSessionAndLinksStopWorking() async throws {
        let link = try #require(try await signIn.requestLink(email: "pat@pine.example", via: "test", now: now))
        let unused = try #require(try await signIn.requestLink(email: "pat@pine.example", via: "test", now: now))
        let session = try #require(try await signIn.signIn(token: link.token, via: "test", now: now)).session
        let at = now
        try await store.write { tx in try tx.removeContact("pat", at: at) }
        #expect(try await signIn.contact(session: session, now: now) == nil)
        #expect(try await signIn.signIn(token: unused.token, via: "test", now: now) == nil)
    }

    @Test func onlyDigestsAreStored() async throws {
        let link = try #require(try await signIn.requestLink(email: "pat@pine.example", via: "test", now: now))
        let session = try #require(try await signIn.signIn(token: link.token, via: "test", now: now)).session
        let stored = try await store.read { tx in try tx.auditEntries() }.map { "\($0)" }.joined()
        #expect(!stored.contains(link.token) && !stored.contains(session), "no secret in the audit log")
        #expect(SignInSessions.digest(session).count == 32 && link.token.count == 43, "32 random bytes, base64url")
    }
}
