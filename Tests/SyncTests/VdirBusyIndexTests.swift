import Foundation
import ICal
import TestSupport
import Testing

@testable import Sync

/// The index keeps what each file contributes; these check it never answers with what a
/// file no longer says.
@Suite struct VdirBusyIndexTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vdir-index-\(UUID().uuidString)")
    var calendar: VdirCalendar { VdirCalendar(folder: folder) }

    func write(_ name: String, _ event: String) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let text =
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:\(name)\r\nDTSTAMP:20261101T000000Z\r\n"
            + event + "END:VEVENT\r\nEND:VCALENDAR\r\n"
        // A different size each time, so the ETag changes even within one mtime tick.
        try text.write(to: folder.appendingPathComponent("\(name).ics"), atomically: true, encoding: .utf8)
    }

    func busy(_ from: String, _ to: String) async throws -> [String] {
        try await calendar.busy(from: SampleBooking.date(from), to: SampleBooking.date(to), floatingTimeZone: "America/Chicago")
            .intervals.map { "\($0.start.formatted(.iso8601))/\($0.end.formatted(.iso8601))" }
    }

    @Test func aFixedEventIsClippedToEachWindowAsked() async throws {
        try write("dentist", "DTSTART:20261202T160000Z\r\nDTEND:20261202T180000Z\r\n")
        #expect(try await busy("2026-12-01T00:00:00Z", "2026-12-05T00:00:00Z") == ["2026-12-02T16:00:00Z/2026-12-02T18:00:00Z"])
        #expect(try await busy("2026-12-02T17:00:00Z", "2026-12-05T00:00:00Z") == ["2026-12-02T17:00:00Z/2026-12-02T18:00:00Z"])
        #expect(try await busy("2026-12-03T00:00:00Z", "2026-12-05T00:00:00Z").isEmpty)
        #expect(VdirBusyIndex.shared.count(folder: folder.path) == 1)
    }

    @Test func aRecurringEventIsExpandedForEveryWindowNotFrozenAtTheFirst() async throws {
        try write(
            "standup", "DTSTART;TZID=America/Chicago:20261130T090000\r\nDTEND;TZID=America/Chicago:20261130T093000\r\nRRULE:FREQ=DAILY\r\n")
        #expect(try await busy("2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z") == ["2026-12-01T15:00:00Z/2026-12-01T15:30:00Z"])
        #expect(try await busy("2027-03-15T00:00:00Z", "2027-03-16T00:00:00Z") == ["2027-03-15T14:00:00Z/2027-03-15T14:30:00Z"])
    }

    @Test func anEditedFileIsReadAgainAndADeletedOneForgotten() async throws {
        try write("dentist", "DTSTART:20261202T160000Z\r\nDTEND:20261202T170000Z\r\n")
        #expect(try await busy("2026-12-02T00:00:00Z", "2026-12-03T00:00:00Z") == ["2026-12-02T16:00:00Z/2026-12-02T17:00:00Z"])
        try write("dentist", "DTSTART:20261202T190000Z\r\nDTEND:20261202T203000Z\r\nSUMMARY:moved\r\n")
        #expect(try await busy("2026-12-02T00:00:00Z", "2026-12-03T00:00:00Z") == ["2026-12-02T19:00:00Z/2026-12-02T20:30:00Z"])
        try FileManager.default.removeItem(at: folder.appendingPathComponent("dentist.ics"))
        #expect(try await busy("2026-12-02T00:00:00Z", "2026-12-03T00:00:00Z").isEmpty)
        #expect(VdirBusyIndex.shared.count(folder: folder.path) == 0)
    }

    @Test func theSameFilesReadInAnotherZoneAreReadAgain() async throws {
        try write("floating", "DTSTART:20261202T090000\r\nDTEND:20261202T100000\r\n")
        #expect(try await busy("2026-12-02T00:00:00Z", "2026-12-03T00:00:00Z") == ["2026-12-02T15:00:00Z/2026-12-02T16:00:00Z"])
        let berlin = try await calendar.busy(
            from: SampleBooking.date("2026-12-02T00:00:00Z"), to: SampleBooking.date("2026-12-03T00:00:00Z"),
            floatingTimeZone: "Europe/Berlin")
        #expect(berlin.intervals.first?.start == SampleBooking.date("2026-12-02T08:00:00Z"))
    }
}
