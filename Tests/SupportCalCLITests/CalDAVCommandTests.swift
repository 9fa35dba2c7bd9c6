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
            + "BEGIN:VEVENT\r\nUID:standup@cli\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;TZID=America/Chicago:20261103T090000\r\n"
            + "DTEND;TZID=America/Chicago:20261103T093000\r\nRRULE:FREQ=DAILY;COUNT=3\r\nSUMMARY:Stand-up\r\nEND:VEVENT\r\n"
            + "END:VCALENDAR\r\n"
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
        let busy = try run(["caldav", "freebusy", url.absoluteString, "--from", "2026-11-03", "--to", "2026-11-06", "--json", "--server"])
        #expect(busy.status == 0, "\(busy.stderr)")
        struct Interval: Decodable, Equatable {
            var start: String
            var end: String
        }
        struct Answer: Decodable {
            var busy: [Interval]
            var server: [Interval]?
            var differs: Bool?
        }
        let answer = try JSONDecoder().decode(Answer.self, from: Data(busy.stdout.utf8))
        // 09:00 Chicago on three days, across no DST change: computed here and by Radicale alike.
        let expected = [
            Interval(start: "2026-11-03T15:00:00Z", end: "2026-11-03T15:30:00Z"),
            Interval(start: "2026-11-04T15:00:00Z", end: "2026-11-04T15:30:00Z"),
            Interval(start: "2026-11-05T15:00:00Z", end: "2026-11-05T15:30:00Z"),
        ]
        #expect(answer.busy == expected)
        #expect(answer.server == expected && answer.differs == false)
        let text = try run([
            "caldav", "freebusy", url.absoluteString, "--from", "2026-11-03", "--to", "2026-11-06", "--tz", "America/Chicago",
        ])
        #expect(
            text.stdout.contains("9:00 AM – 9:30 AM UTC-6 (America/Chicago)") && !text.stdout.contains("free-busy-query"),
            "without --server only the computed time: \(text.stdout)\(text.stderr)")
    }

    @Test func freebusyPrintsWhatSyncComputesNotWhatTheServerSays() async throws {
        // A booking event of SupportCal's own is not busy time for slot finding (sync reads
        // it as the booking), though the server's free-busy answer counts it.
        let url = try await calendar()
        let auth = HTTPAuthentication.basic(user: TestServers.user, password: try TestServers.password())
        let booking =
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//SupportCal//EN\r\nBEGIN:VEVENT\r\nUID:b-0000000001@supportcal\r\n"
            + "DTSTAMP:20261101T000000Z\r\nDTSTART:20261104T180000Z\r\nDTEND:20261104T190000Z\r\nSUMMARY:Live session: Acme\r\n"
            + "X-SUPPORTCAL-BOOKING-ID:b-0000000001\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        let put = try await HTTPClient(logger: testLogger).send(
            HTTPRequest(
                method: "PUT", url: url.absoluteString + "b-0000000001.ics",
                headers: [HTTPHeader("Content-Type", "text/calendar")], body: Array(booking.utf8), authentication: auth))
        #expect(put.status == 201)
        let result = try run(["caldav", "freebusy", url.absoluteString, "--from", "2026-11-03", "--to", "2026-11-06", "--server"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("computed by SupportCal") && result.stdout.contains("they differ"))
        let computed = result.stdout.components(separatedBy: "the server's free-busy-query answer:")
        #expect(computed.count == 2 && !computed[0].contains("2026-11-04T18:00:00Z") && computed[1].contains("2026-11-04T18:00:00Z"))
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
