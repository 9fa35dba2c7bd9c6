import CalDAV
import Curl
import Foundation
import Logging
import TestSupport
import Testing

@testable import Sync

/// `serve` keeps each CalDAV calendar's objects between syncs, so the busy-time refresh
/// after a sync needs no second request; against both real servers.
@Suite struct CalDAVObjectCopiesTests {
    static func client(_ server: String) throws -> (CalDAVClient, home: URL) {
        var logger = Logger(label: "test.copies")
        logger.logLevel = .error
        if server == "radicale" {
            let root = try TestServers.radicale()
            let client = CalDAVClient(
                baseURL: root, authentication: .basic(user: TestServers.user, password: try TestServers.password()), logger: logger)
            return (client, root.appendingPathComponent("staff/"))
        }
        let root = try TestServers.xandikos()
        return (CalDAVClient(baseURL: root, authentication: nil, logger: logger), root.appendingPathComponent("staff/calendars/"))
    }

    static func event(_ uid: String, _ lines: String) -> String {
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:\(uid)\r\nDTSTAMP:20261101T000000Z\r\n"
            + lines + "END:VEVENT\r\nEND:VCALENDAR\r\n"
    }

    @Test(arguments: ["radicale", "xandikos"])
    func aSyncsCopiesAnswerBusyTimeAsTheServerDoesWithoutARequest(server: String) async throws {
        let (client, home) = try Self.client(server)
        let url = try await client.makeCalendar(
            at: client.calendarURL(named: "copies-\(UUID().uuidString.prefix(8).lowercased())", in: home))
        _ = try await client.create(
            Self.event("dentist", "DTSTART:20261202T160000Z\r\nDTEND:20261202T170000Z\r\n"),
            at: client.objectURL(named: "dentist.ics", in: url))
        _ = try await client.create(
            Self.event("standup", "DTSTART:20261201T150000Z\r\nDTEND:20261201T153000Z\r\nRRULE:FREQ=DAILY;COUNT=30\r\n"),
            at: client.objectURL(named: "standup.ics", in: url))
        let copies = CalDAVObjectCopies()
        let calendar = CalDAVCalendar(client: client, calendarURL: url, copies: copies)
        let first = try await calendar.changes(since: .empty)
        #expect(first.changed.map(\.name).sorted() == ["dentist.ics", "standup.ics"])
        #expect(copies.count(for: calendar.calendarURL) == 2)

        // A staff member adds an appointment; the next sync fetches only that one.
        _ = try await client.create(
            Self.event("school", "DTSTART:20261203T180000Z\r\nDTEND:20261203T190000Z\r\n"),
            at: client.objectURL(named: "school.ics", in: url))
        let second = try await calendar.changes(since: first.snapshot)
        #expect(second.changed.map(\.name) == ["school.ics"])
        #expect(copies.count(for: calendar.calendarURL) == 3)

        let from = SampleBooking.date("2026-12-01T00:00:00Z")
        let to = SampleBooking.date("2026-12-08T00:00:00Z")
        let before = client.metrics
        let kept = try #require(calendar.busyFromCopies(from: from, to: to, floatingTimeZone: "UTC"))
        #expect(client.metrics.since(before).requests == 0, "computed from the copies, no request")
        let asked = try await calendar.busy(from: from, to: to, floatingTimeZone: "UTC")
        #expect(kept.intervals == asked.intervals, "the same busy time as the server's calendar-query")
        #expect(kept.intervals.count == 9, "seven stand-ups, the dentist and the school run")

        // Another process holds no copies yet: it reads the calendar whole once and still
        // reports only what differs from the snapshot it was given.
        try await client.delete(client.objectURL(named: "dentist.ics", in: url))
        let restarted = CalDAVCalendar(client: client, calendarURL: url, copies: CalDAVObjectCopies())
        let third = try await restarted.changes(since: second.snapshot)
        #expect(third.changed.isEmpty)
        #expect(third.deleted == ["dentist.ics"])
        #expect(restarted.copies?.count(for: restarted.calendarURL) == 2)
        #expect(CalDAVCalendar(client: client, calendarURL: url).busyFromCopies(from: from, to: to, floatingTimeZone: "UTC") == nil)
    }
}
