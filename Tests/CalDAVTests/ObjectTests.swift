import CalDAV
import Foundation
import ICal
import Testing

@Suite("Objects and ETags")
struct ObjectTests {
    @Test(arguments: Server.allCases)
    func createReadUpdateDeleteWithETags(server: Server) async throws {
        let client = try server.client()
        let calendar = try await server.freshCalendar(client, "crud")
        let uid = Events.uid()
        let url = client.objectURL(named: "session.ics", in: calendar)

        let created = try await client.create(Events.simple(uid: uid, summary: "First"), at: url)
        let firstETag = try #require(created.etag)

        let read = try await client.get(url)
        #expect(read.etag == firstETag)
        #expect(try read.document().events.first?.summary == "First")
        #expect(try read.document().events.first?.uid == uid)

        let updated = try await client.update(Events.simple(uid: uid, summary: "Second"), at: url, ifMatch: firstETag)
        let secondETag = try #require(updated.etag)
        #expect(secondETag != firstETag)
        #expect(try await client.get(url).document().events.first?.summary == "Second")

        try await client.delete(url, ifMatch: secondETag)
        let gone = try await #require(throws: CalDAVError.self) { try await client.get(url) }
        #expect(gone.code == .notFound)
        #expect(gone.status == 404)
    }

    @Test(arguments: Server.allCases)
    func aStaleETagIsATypedConflict(server: Server) async throws {
        let client = try server.client()
        let calendar = try await server.freshCalendar(client, "stale")
        let uid = Events.uid()
        let url = client.objectURL(named: "stale.ics", in: calendar)
        let stale = try #require(try await client.create(Events.simple(uid: uid, summary: "Ours"), at: url).etag)
        // Staff edit the event in their calendar app meanwhile.
        _ = try await client.update(Events.simple(uid: uid, summary: "Staff moved it"), at: url, ifMatch: stale)

        let update = try await #require(throws: CalDAVError.self) {
            try await client.update(Events.simple(uid: uid, summary: "Ours again"), at: url, ifMatch: stale)
        }
        #expect(update.code == .conflict)
        #expect(update.status == 412)
        #expect(update.request == "PUT \(url.path)")
        let delete = try await #require(throws: CalDAVError.self) { try await client.delete(url, ifMatch: stale) }
        #expect(delete.code == .conflict)
        // The staff edit survived both attempts.
        #expect(try await client.get(url).document().events.first?.summary == "Staff moved it")
    }

    @Test(arguments: Server.allCases)
    func creatingTwiceIsAConflictNotASecondObject(server: Server) async throws {
        let client = try server.client()
        let calendar = try await server.freshCalendar(client, "twice")
        let uid = Events.uid()
        let url = client.objectURL(named: "once.ics", in: calendar)
        _ = try await client.create(Events.simple(uid: uid, summary: "Original"), at: url)

        let error = try await #require(throws: CalDAVError.self) {
            try await client.create(Events.simple(uid: uid, summary: "Retry"), at: url)
        }
        #expect(error.code == .conflict)
        let listing = try await client.listObjects(in: calendar)
        #expect(listing.count == 1)
        #expect(try await client.get(url).document().events.first?.summary == "Original")
    }

    @Test(arguments: Server.refusingReusedUIDs)
    func aUIDReusedUnderAnotherHrefIsReportedByName(server: Server) async throws {
        let client = try server.client()
        let calendar = try await server.freshCalendar(client, "uid")
        let uid = Events.uid()
        _ = try await client.create(Events.simple(uid: uid), at: client.objectURL(named: "a.ics", in: calendar))

        let error = try await #require(throws: CalDAVError.self) {
            try await client.create(Events.simple(uid: uid), at: client.objectURL(named: "b.ics", in: calendar))
        }
        // Radicale answers 409, Xandikos 412, Cyrus 403: each names the precondition.
        #expect(error.code == .precondition(server.reusedUIDPrecondition))
        #expect(error.code.preconditionName == server.reusedUIDPrecondition)
        #expect([403, 409, 412].contains(error.status ?? 0))
        #expect(error.detail.contains(server.reusedUIDPrecondition))
    }

    /// SabreDAV 1.8 and DAViCal store it: kept exact, so a server that changes is noticed.
    /// (SupportCal's own objects are named after their UID, so it never makes such a pair.)
    @Test(arguments: Server.allCases.filter { !$0.refusesReusedUID })
    func aUIDReusedUnderAnotherHrefIsStoredBySomeServers(server: Server) async throws {
        let client = try server.client()
        let calendar = try await server.freshCalendar(client, "uid-kept")
        let uid = Events.uid()
        _ = try await client.create(Events.simple(uid: uid), at: client.objectURL(named: "a.ics", in: calendar))
        _ = try await client.create(Events.simple(uid: uid, summary: "Twin"), at: client.objectURL(named: "b.ics", in: calendar))
        #expect(Set(try await client.listObjects(in: calendar).map(\.href.lastSegment)) == ["a.ics", "b.ics"])
    }

    @Test(arguments: Server.allCases)
    func aBookingEventRoundTripsWithItsProperties(server: Server) async throws {
        let client = try server.client()
        let calendar = try await server.freshCalendar(client, "booking")
        let booking = BookingEvent(
            uid: Events.uid(), bookingID: "bk_7", start: Date(timeIntervalSince1970: 1_793_710_800),
            end: Date(timeIntervalSince1970: 1_793_714_400), timeZone: "America/Chicago",
            summary: "Live session — Ørsted", organizer: ICalParticipant(email: "support@vendor.example"),
            attendees: [ICalParticipant(email: "eve@orsted.example", commonName: "Eve Ørsted")],
            stamp: Date(timeIntervalSince1970: 1_790_000_000))
        let url = client.objectURL(named: "bk_7.ics", in: calendar)
        _ = try await client.create(try booking.storedObject(), at: url)

        let event = try #require(try await client.get(url).document().events.first)
        #expect(event.uid == booking.uid)
        #expect(event.start?.instant == booking.start)
        #expect(event.property(BookingEvent.bookingIDProperty)?.value == "bk_7")
    }

    @Test(arguments: Server.allCases)
    func hrefsWithSpacesAtSignsAndNonASCIINamesWork(server: Server) async throws {
        let client = try server.client()
        let calendar = try await server.freshCalendar(client, "names")
        let names = ["with space.ics", "at@sign.ics", "ünïcødé 日本.ics", "100%+plus.ics"]
        var urls: [String: URL] = [:]
        for name in names {
            let url = client.objectURL(named: name, in: calendar)
            urls[name] = url
            _ = try await client.create(Events.simple(uid: Events.uid(), summary: name), at: url)
        }

        let listing = try await client.listObjects(in: calendar)
        #expect(Set(listing.map(\.href.lastSegment)) == Set(names))
        var mirror = CalendarMirror(calendarURL: calendar)
        let synced = try await mirror.refresh(using: client)
        #expect(Set(synced.changed) == Set(urls.values.map { Href(url: $0) }))
        let fetched = try await client.multiget(listing.map(\.href), in: calendar)
        #expect(Set(fetched.objects.compactMap { try? $0.document().events.first?.summary }) == Set(names))
        // The hrefs the server answered with address the same objects.
        for version in listing {
            let object = try await client.get(version.url)
            #expect(try object.document().events.first?.summary == version.href.lastSegment)
            try await client.delete(version.url, ifMatch: version.etag)
        }
        #expect(try await client.listObjects(in: calendar).isEmpty)
    }
}
