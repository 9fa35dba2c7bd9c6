import Foundation
import Scheduling
import Store
import TestSupport
import Testing

@testable import UseCases

/// The staff console's sign-in shares the customers' mechanism and store, never their
/// audience: a contact's link or session opens no staff session, and the reverse.
@Suite struct StaffSignInTests {
    let store: SupportStore
    let now = SampleBooking.date("2026-12-01T12:00:00Z")

    init() throws {
        store = try SupportStore(inMemoryWithOutboxRetry: .default, logger: testLogger)
        try store.write { tx in
            let utc = TimeZone(identifier: "UTC")!
            try tx.mirrorStaff([
                StaffProfile(key: "dana", name: "Dana", email: "Dana@vendor.example", timeZone: utc),
                StaffProfile(key: "olaf", name: "Olaf", email: "olaf@vendor.example", timeZone: utc),
            ])
            try tx.insert(Company(id: "pine", name: "Pine & Co"))
            try tx.insert(Contact(id: "pat", companyID: "pine", name: "Pat", email: "pat@pine.example", timeZone: utc))
        }
    }

    @Test func aStaffLinkSignsThatStaffMemberInOnce() async throws {
        let signIn = StaffSignIn(store: store)
        let link = try #require(try await signIn.requestLink(email: "dana@VENDOR.example", via: "test", now: now))
        #expect(link.staff.key == "dana")
        let signedIn = try #require(try await signIn.signIn(token: link.token, via: "test", now: now))
        #expect(signedIn.staff == "dana")
        #expect(try await signIn.staff(session: signedIn.session, now: now.addingTimeInterval(3600)) == "dana")
        #expect(try await signIn.staff(session: signedIn.session, now: now.addingTimeInterval(13 * 3600)) == nil, "12 hours idle")
        #expect(try await signIn.signIn(token: link.token, via: "test", now: now) == nil, "single use")
        #expect(try await signIn.requestLink(email: "pat@pine.example", via: "test", now: now) == nil, "contacts are not staff")
        let actors = try await store.read { tx in try tx.auditEntries().map(\.record.actor) }
        #expect(actors.allSatisfy { $0 == "staff:dana" })
    }

    @Test func aContactsLinkAndSessionAreNoStaffMembersAndTheReverse() async throws {
        let staff = StaffSignIn(store: store)
        let customers = AccountSignIn(store: store)
        let contactLink = try #require(try await customers.requestLink(email: "pat@pine.example", via: "test", now: now))
        #expect(try await staff.signIn(token: contactLink.token, via: "test", now: now) == nil)
        let contactLink2 = try #require(try await customers.requestLink(email: "pat@pine.example", via: "test", now: now))
        let contactSession = try #require(try await customers.signIn(token: contactLink2.token, via: "test", now: now)).session
        #expect(try await staff.staff(session: contactSession, now: now) == nil, "a contact's session never opens /staff")

        let staffLink = try #require(try await staff.requestLink(email: "olaf@vendor.example", via: "test", now: now))
        #expect(try await customers.signIn(token: staffLink.token, via: "test", now: now) == nil)
        let staffLink2 = try #require(try await staff.requestLink(email: "olaf@vendor.example", via: "test", now: now))
        let staffSession = try #require(try await staff.signIn(token: staffLink2.token, via: "test", now: now)).session
        #expect(try await customers.contact(session: staffSession, now: now) == nil)
    }

    @Test func aStaffMemberWhoLeftTheConfigurationIsSignedOut() async throws {
        let signIn = StaffSignIn(store: store)
        let link = try #require(try await signIn.requestLink(email: "olaf@vendor.example", via: "test", now: now))
        let session = try #require(try await signIn.signIn(token: link.token, via: "test", now: now)).session
        try await store.write { tx in
            try tx.mirrorStaff([
                StaffProfile(key: "dana", name: "Dana", email: "dana@vendor.example", timeZone: TimeZone(identifier: "UTC")!)
            ])
        }
        #expect(try await signIn.staff(session: session, now: now) == nil)
        #expect(try await signIn.requestLink(email: "olaf@vendor.example", via: "test", now: now) == nil)
    }
}
