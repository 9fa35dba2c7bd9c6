import Foundation
import TestSupport
import Testing

@testable import ICal

/// What we emit must read the same in parsers we did not write: Python's
/// `icalendar` and `vobject` (installed by the test command).
@Suite struct IndependentParserTests {
    struct Seen: Decodable {
        var error: String?
        var method: String?
        var events: Int?
        var uid: String?
        var sequence: Int?
        var status: String?
        var start: String?
        var end: String?
        var tzid: String?
        var timezones: [String]?
        var attendees: [[String: String]]?
        var booking: String?
    }

    func read(_ document: ICalDocument) throws -> [String: Seen] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("crosscheck-\(UUID().uuidString).ics")
        try Data(document.text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = RepositoryPaths.root.appendingPathComponent("Tests/servers/ics_crosscheck.py").path
        let result = try runProcess(try TestServers.python(), [script, file.path])
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONDecoder().decode([String: Seen].self, from: Data(result.stdout.utf8))
    }

    @Test(arguments: ["America/Chicago", "Europe/Berlin", "Australia/Lord_Howe"])
    func requestAndCancelReadTheSameInIcalendarAndVobject(zone: String) throws {
        var booking = Fixtures.booking()
        booking.timeZone = zone
        let request = try booking.request()
        let cancel = try booking.cancelled(stamp: Fixtures.date("2026-11-01T10:00:00Z")).cancellation()
        for (document, method, sequence, status) in [(request, "REQUEST", 0, "CONFIRMED"), (cancel, "CANCEL", 1, "CANCELLED")] {
            let seen = try read(document)
            #expect(seen.keys.sorted() == ["icalendar", "vobject"])
            for (parser, view) in seen {
                #expect(view.error == nil, "\(parser): \(view.error ?? "")")
                #expect(view.method == method, "\(parser)")
                #expect(view.events == 1, "\(parser)")
                #expect(view.uid == booking.uid, "\(parser)")
                #expect(view.sequence == sequence, "\(parser)")
                #expect(view.status == status, "\(parser)")
                #expect(view.start == "2026-11-03T15:00:00Z", "\(parser)")
                #expect(view.end == "2026-11-03T16:00:00Z", "\(parser)")
                #expect(view.tzid == zone, "\(parser)")
                #expect(view.timezones == [zone], "\(parser)")
                #expect(view.booking == "bk_42", "\(parser)")
                if method == "REQUEST" {
                    let attendee = try #require(view.attendees?.first)
                    #expect(attendee["RSVP"] == "TRUE", "\(parser)")
                    #expect(attendee["PARTSTAT"] == "NEEDS-ACTION", "\(parser)")
                    #expect(attendee["CN"] == "Eve Ørsted", "\(parser)")
                }
            }
        }
    }

    @Test func theStoredObjectReadsTheSameToo() throws {
        let seen = try read(try Fixtures.booking().storedObject())
        for (parser, view) in seen {
            #expect(view.error == nil, "\(parser): \(view.error ?? "")")
            #expect(view.method == nil, "\(parser)")
            #expect(view.attendees?.first?["SCHEDULE-AGENT"] == "CLIENT", "\(parser)")
            #expect(view.start == "2026-11-03T15:00:00Z", "\(parser)")
        }
    }
}
