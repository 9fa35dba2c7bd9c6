import Foundation
import TestSupport
import Testing

@Suite struct ICSCommandTests {
    func file(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString).ics")
        try Data(text.utf8).write(to: url)
        return url.path
    }

    static let weekly = """
        BEGIN:VCALENDAR\r
        VERSION:2.0\r
        PRODID:-//test//EN\r
        BEGIN:VEVENT\r
        UID:weekly@cli\r
        DTSTART;TZID=America/Chicago:20261029T090000\r
        DTEND;TZID=America/Chicago:20261029T100000\r
        RRULE:FREQ=WEEKLY;COUNT=2\r
        END:VEVENT\r
        END:VCALENDAR\r

        """

    @Test func lintReportsEachFileAndExits1WhenOneIsRefused() throws {
        let good = try file(Self.weekly)
        let bad = try file("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VCALENDAR\r\n")
        let result = try SupportCalBinary.run(["ics", "lint", good, bad])
        #expect(result.status == 1)
        #expect(result.stdout.contains("ok       \(good) (1 event)"))
        #expect(result.stdout.contains("refused  \(bad): line 4: END:VCALENDAR closes BEGIN:VEVENT from line 2"))
    }

    @Test func lintJSONNamesTheErrorCodeAndLine() throws {
        let bad = try file("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nno colon here\r\nEND:VCALENDAR\r\n")
        let result = try SupportCalBinary.run(["ics", "lint", "--json", bad])
        #expect(result.status == 1)
        struct Report: Decodable {
            var file: String
            var ok: Bool
            var error: Failure?
        }
        struct Failure: Decodable {
            var code: String
            var line: Int?
        }
        let reports = try JSONDecoder().decode([Report].self, from: Data(result.stdout.utf8))
        #expect(reports.count == 1)
        #expect(reports.first?.ok == false)
        #expect(reports.first?.error?.code == "malformed")
        #expect(reports.first?.error?.line == 3)
    }

    @Test func lintOfTheWholeCorpusNeverCrashes() throws {
        let files = try FileManager.default.subpathsOfDirectory(atPath: RepositoryPaths.corpus.path)
            .filter { $0.hasSuffix(".ics") }.map { RepositoryPaths.corpus.appendingPathComponent($0).path }
        #expect(files.count > 300)
        let result = try SupportCalBinary.run(["ics", "lint"] + files)
        #expect(result.status == 1, "some corpus files are deliberately broken")
        let lines = result.stdout.split(separator: "\n").filter { $0.hasPrefix("ok ") || $0.hasPrefix("refused ") }
        #expect(lines.count == files.count, "one verdict per file")
    }

    @Test func busyPrintsUTCIntervalsAcrossTheDSTChange() throws {
        let path = try file(Self.weekly)
        let result = try SupportCalBinary.run(["ics", "busy", path, "--from", "2026-10-26", "--to", "2026-11-09", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        struct Interval: Decodable, Equatable {
            var start: String
            var end: String
        }
        let intervals = try JSONDecoder().decode([Interval].self, from: Data(result.stdout.utf8))
        #expect(
            intervals == [
                Interval(start: "2026-10-29T14:00:00Z", end: "2026-10-29T15:00:00Z"),
                Interval(start: "2026-11-05T15:00:00Z", end: "2026-11-05T16:00:00Z"),
            ])
    }

    @Test func busyShowsLocalTimesInTheGivenZone() throws {
        let path = try file(Self.weekly)
        let result = try SupportCalBinary.run([
            "ics", "busy", path, "--from", "2026-10-26", "--to", "2026-11-09", "--tz", "America/Chicago",
        ])
        #expect(result.status == 0)
        // The words every `local` uses (CustomerTime), with the offset in force that day.
        #expect(result.stdout.contains("9:00 AM – 10:00 AM UTC-5 (America/Chicago) on Thursday, 29 October 2026"))
        #expect(result.stdout.contains("9:00 AM – 10:00 AM UTC-6 (America/Chicago) on Thursday, 5 November 2026"))
    }

    @Test(arguments: [
        ["ics", "busy", "/nonexistent.ics", "--from", "2026-01-01", "--to", "2026-01-02"]
    ])
    func anUnreadableFileIsAOneLineFailure(arguments: [String]) throws {
        let result = try SupportCalBinary.run(arguments)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("supportcal: /nonexistent.ics: cannot read the file"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test(arguments: [
        ["ics", "busy", "x.ics", "--from", "2026-01-02", "--to", "2026-01-01"],
        ["ics", "busy", "x.ics", "--from", "yesterday", "--to", "2026-01-01"],
        ["ics", "busy", "x.ics", "--from", "2026-01-01", "--to", "2026-01-02", "--tz", "Mars/Base"],
        ["ics", "frobnicate"],
    ])
    func usageErrorsExitWith2(arguments: [String]) throws {
        let result = try SupportCalBinary.run(arguments)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(!result.stderr.isEmpty)
    }
}
