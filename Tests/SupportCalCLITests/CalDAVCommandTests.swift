import Curl
import Foundation
import TestSupport
import Testing

/// `supportcal caldav ...` as a person pointing it at their server would use it.
@Suite struct CalDAVCommandTests {
    func calendar() async throws -> URL {
        let url = try TestServers.radicale().appendingPathComponent("staff/cli-\(UUID().uuidString.prefix(8))/")
        let auth = HTTPAuthentication.basic(user: TestServers.user, password: try TestServers.password())
        let made = try await HTTPClient(logger: testLogger).send(
            HTTPRequest(method: "MKCALENDAR", url: url.absoluteString, authentication: auth))
        #expect(made.status == 201)
        // With its VTIMEZONE, as calendar apps send it: Radicale's parser (vobject) keeps
        // one process-wide table of TZIDs, and a TZID first seen without a definition
        // poisons every later object that uses it.
        let event =
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n" + SampleZones.chicago
            + "BEGIN:VEVENT\r\nUID:standup@cli\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;TZID=America/Chicago:20261103T090000\r\nDTEND;TZID=America/Chicago:20261103T093000\r\nRRULE:FREQ=DAILY;COUNT=3\r\nSUMMARY:Stand-up\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        let put = try await HTTPClient(logger: testLogger).send(
            HTTPRequest(
                method: "PUT", url: url.absoluteString + "standup.ics",
                headers: [HTTPHeader("Content-Type", "text/calendar")], body: Array(event.utf8), authentication: auth))
        #expect(put.status == 201)
        return url
    }

    func run(_ arguments: [String]) throws -> ProcessResult {
        try SupportCalBinary.run(
            arguments + ["--user", TestServers.user], environment: ["SUPPORTCAL_CALDAV_PASSWORD": try TestServers.password()])
    }

    @Test func discoverFromTheServerRootFindsTheCalendarWithoutLeakingThePassword() async throws {
        let url = try await calendar()
        let result = try run(["caldav", "discover", try TestServers.radicale().absoluteString, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(url.path))
        #expect(!result.stdout.contains(try TestServers.password()))
    }

    @Test func lsAndFreebusyShowWhatIsThere() async throws {
        let url = try await calendar()
        let listing = try run(["caldav", "ls", url.absoluteString])
        #expect(listing.status == 0, "\(listing.stderr)")
        #expect(listing.stdout.contains("standup@cli"))
        #expect(listing.stdout.contains("Stand-up"))
        let busy = try run(["caldav", "freebusy", url.absoluteString, "--from", "2026-11-03", "--to", "2026-11-06", "--json"])
        #expect(busy.status == 0, "\(busy.stderr)")
        struct Interval: Decodable, Equatable {
            var start: String
            var end: String
        }
        let intervals = try JSONDecoder().decode([Interval].self, from: Data(busy.stdout.utf8))
        #expect(
            intervals == [
                Interval(start: "2026-11-03T15:00:00Z", end: "2026-11-03T15:30:00Z"),
                Interval(start: "2026-11-04T15:00:00Z", end: "2026-11-04T15:30:00Z"),
                Interval(start: "2026-11-05T15:00:00Z", end: "2026-11-05T15:30:00Z"),
            ])
    }

    @Test func aWrongPasswordOrADeadServerIsOneLineAndExit1() async throws {
        let wrong = try SupportCalBinary.run(
            ["caldav", "ls", try TestServers.radicale().absoluteString + "staff/", "--user", "staff"],
            environment: ["SUPPORTCAL_CALDAV_PASSWORD": "wrong"])
        #expect(wrong.status == 1)
        #expect(wrong.stderr.split(separator: "\n").count == 1)
        #expect(!wrong.stderr.contains("wrong"))
        let dead = try SupportCalBinary.run(["caldav", "discover", "http://127.0.0.1:\(try ClosedPort.find())/"])
        #expect(dead.status == 1)
        #expect(dead.stderr.contains("127.0.0.1"))
        #expect(dead.stderr.split(separator: "\n").count == 1)
    }

    @Test func aPasswordIsNeverTakenFromTheCommandLine() throws {
        let result = try SupportCalBinary.run(
            ["caldav", "ls", "http://127.0.0.1:1/", "--user", "staff", "--password", "x"],
            environment: ["SUPPORTCAL_CALDAV_PASSWORD": ""])
        #expect(result.status == 2)
    }
}
