import Curl
import Foundation
import ICal
import Store
import TestSupport
import Testing

/// What staff calendars hold besides our bookings, and how servers differ in handing out
/// changes, through the `supportcal` binary on every server the test command starts.
extension SyncThroughTheCLITests {
    /// A staff member's weekly meeting (a VTIMEZONE, Monday and Wednesday 10:00–11:00 Chicago)
    /// and an all-day event (Tuesday) take exactly the slots they overlap: measured against
    /// the same week's slots before the staff events existed.
    @Test(arguments: Server.allCases)
    func aStaffWeeklyMeetingAndAnAllDayEventBlockExactlyTheirSlots(server: Server) async throws {
        let setup = try await Setup(server)
        defer { setup.workspace.remove() }
        let now = "2026-12-03T12:00:00Z"
        _ = try sync(setup, now: now)
        let before = try slots(setup, now: now)
        let recurring = Self.calendar(
            SampleZones.chicago
                + "BEGIN:VEVENT\r\nUID:weekly@staff.example\r\nDTSTAMP:20261201T000000Z\r\n"
                + "DTSTART;TZID=America/Chicago:20261207T100000\r\nDTEND;TZID=America/Chicago:20261207T110000\r\n"
                + "RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4\r\nSUMMARY:Team meeting\r\nEND:VEVENT\r\n")
        let allDay = Self.calendar(
            "BEGIN:VEVENT\r\nUID:offsite@staff.example\r\nDTSTAMP:20261201T000000Z\r\nDTSTART;VALUE=DATE:20261208\r\n"
                + "DTEND;VALUE=DATE:20261209\r\nSUMMARY:Offsite\r\nEND:VEVENT\r\n")
        #expect([201, 204].contains(try await setup.put(named: "weekly.ics", recurring)))
        #expect([201, 204].contains(try await setup.put(named: "offsite.ics", allDay)))

        let (summary, status) = try sync(setup, now: "2026-12-03T12:05:00Z")
        #expect(status == 0, "\(summary)")
        let after = try slots(setup, now: "2026-12-03T12:05:00Z")

        let chicago = TimeZone(identifier: "America/Chicago")!
        let busy: [Range<Date>] =
            ["2026-12-07T10:00", "2026-12-09T10:00"].map { local in
                let start = Self.instant(local, in: chicago)
                return start..<start.addingTimeInterval(3_600)
            } + [Self.instant("2026-12-08T00:00", in: chicago)..<Self.instant("2026-12-09T00:00", in: chicago)]
        #expect(before.contains { busy[0].overlaps($0) } && before.contains { busy[2].overlaps($0) }, "the week had those slots")
        #expect(after == before.filter { slot in !busy.contains { $0.overlaps(slot) } })
    }

    /// DAViCal re-reports the object changed *at* the token it is sent; no server may turn
    /// one staff move into two reschedules or a second email.
    @Test(arguments: Server.allCases)
    func twoNightlySyncsAfterOneStaffMoveMakeExactlyOneReschedule(server: Server) async throws {
        let setup = try await Setup(server)
        defer { setup.workspace.remove() }
        let id = try bookedAndSynced(setup)
        let moved = try await setup.get(id).text
            .replacingOccurrences(of: "DTSTART;TZID=America/Chicago:20261202T090000", with: "DTSTART;TZID=America/Chicago:20261202T130000")
            .replacingOccurrences(of: "DTEND;TZID=America/Chicago:20261202T100000", with: "DTEND;TZID=America/Chicago:20261202T140000")
        #expect([200, 201, 204].contains(try await setup.put(id, moved)))

        let (first, _) = try sync(setup, now: "2026-12-01T12:10:00Z")
        let (second, secondStatus) = try sync(setup, now: "2026-12-02T03:00:00Z")
        let (third, _) = try sync(setup, now: "2026-12-03T03:00:00Z")

        #expect(first.calendars.first?.staffReschedules == [id])
        #expect(secondStatus == 0, "\(second)")
        #expect(second.calendars.first?.staffReschedules.isEmpty == true, "\(second)")
        #expect(third.calendars.first?.staffReschedules.isEmpty == true, "\(third)")
        #expect(try setup.start(id) == "2026-12-02T19:00:00Z")
        let subjects = setup.workspace.files(in: setup.workspace.mailFolder).compactMap {
            (try? String(contentsOf: setup.workspace.mailFolder.appendingPathComponent($0), encoding: .utf8))?
                .split(separator: "\r\n").first { $0.hasPrefix("Subject: ") }
        }
        #expect(subjects.filter { $0.hasPrefix("Subject: Moved:") }.count == 1, "one email about the move: \(subjects)")
        #expect(try await setup.listing().count == 1)
    }

    func slots(_ setup: Setup, now: String) throws -> [Range<Date>] {
        struct Answer: Decodable { var slots: [Row] }
        struct Row: Decodable {
            var start: String
            var end: String
        }
        let output = try setup.workspace.ok(
            ["slots", "--kind", "live-session", "--length", "60", "--from", "2026-12-07", "--days", "5", "--json"], now: now)
        return try JSONDecoder().decode(Answer.self, from: Data(output.utf8)).slots.map {
            try Date($0.start, strategy: .iso8601)..<Date($0.end, strategy: .iso8601)
        }
    }

    static func calendar(_ body: String) -> String {
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Staff calendar app//EN\r\n" + body + "END:VCALENDAR\r\n"
    }

    static func instant(_ local: String, in zone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = local.split { $0 == "-" || $0 == "T" || $0 == ":" }.map { Int($0)! }
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: parts[3], minute: parts[4]))!
    }

    /// Not on SabreDAV: it validates every PUT (415 for an unreadable object), so its
    /// calendars cannot hold one.
    @Test(arguments: Server.storingUnreadableObjects)
    func anUnreadableEventBesideOursIsReportedAndSkipped(server: Server) async throws {
        let setup = try await Setup(server)
        defer { setup.workspace.remove() }
        let id = try setup.workspace.book(contact: "eve@acme.example", start: "2026-12-02T15:00:00Z", now: "2026-12-01T12:00:00Z")
        // `X_VENDOR_FLAG` is no valid property name (RFC 5545 allows letters, digits and
        // dashes); SupportCal refuses the object rather than guess at it.
        let odd =
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//odd "
            + "app//EN\r\nBEGIN:VEVENT\r\nUID:odd@staff\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:20261202T170000Z\r\nDURATION:PT1H\r\n"
            + "X_VENDOR_FLAG:1\r\nSUMMARY:odd\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        let put = try await setup.http.send(
            HTTPRequest(
                method: "PUT", url: setup.calendar.absoluteString + "odd.ics",
                headers: [HTTPHeader("Content-Type", "text/calendar")], body: Array(odd.utf8), authentication: try setup.auth))
        #expect([201, 204].contains(put.status))
        let stored = try await setup.http.send(
            HTTPRequest(method: "GET", url: setup.calendar.absoluteString + "odd.ics", authentication: try setup.auth)
        ).bodyText
        let (summary, exit) = try sync(setup, now: "2026-12-01T12:10:00Z")
        #expect(exit == 0, "the rest syncs: \(summary)")
        let skipped = summary.calendars.first?.skipped ?? []
        if stored.contains("X_VENDOR_FLAG") {
            // Xandikos, DAViCal and Cyrus keep the object as sent: it is reported by name and skipped.
            #expect(skipped.contains { $0.hasPrefix("odd.ics:") }, "\(skipped)")
        } else {
            // Radicale rewrites what it stores (vobject drops the bad line): nothing to skip.
            #expect(skipped.isEmpty, "\(skipped)")
        }
        #expect(try setup.status(id) == "confirmed")
        #expect(try await setup.listing().contains("\(id)@supportcal.ics"))
        // A staff move of our event in the same calendar still syncs.
        let text = try await setup.get(id).text.replacingOccurrences(
            of: "DTSTART;TZID=America/Chicago:20261202T090000", with: "DTSTART;TZID=America/Chicago:20261202T100000"
        )
        .replacingOccurrences(of: "DTEND;TZID=America/Chicago:20261202T100000", with: "DTEND;TZID=America/Chicago:20261202T110000")
        _ = try await setup.put(id, text)
        let (moved, _) = try sync(setup, now: "2026-12-01T12:20:00Z")
        #expect(moved.calendars.first?.staffReschedules == [id])
    }

    @Test(arguments: Server.withSyncCollection)
    func anInvalidSyncTokenTriggersAFullResyncNotAStop(server: Server) async throws {
        let setup = try await Setup(server)
        defer { setup.workspace.remove() }
        let id = try bookedAndSynced(setup)
        let store = try SupportStore(path: setup.workspace.data.appendingPathComponent("supportcal.sqlite").path, logger: testLogger)
        let states = try await store.read { tx in try tx.calendarSyncStates(staff: "dana") }
        let state = try #require(states.first)
        #expect(state.syncToken != nil, "the first sync stored the server's token")
        try await store.write { tx in
            var garbage = state
            garbage.syncToken = "http://example.invalid/not-a-token/\(UUID().uuidString)"
            try tx.setCalendarSyncState(garbage)
        }
        let (summary, status) = try sync(setup, now: "2026-12-01T12:10:00Z")
        #expect(status == 0, "\(summary)")
        #expect(summary.calendars.first?.staffCancellations.isEmpty == true, "a resync cancels nothing")
        let afterStates = try await store.read { tx in try tx.calendarSyncStates(staff: "dana") }
        let after = try #require(afterStates.first)
        #expect(after.syncToken != nil && after.syncToken?.contains("not-a-token") == false)
        #expect(try setup.status(id) == "confirmed")
    }
}
