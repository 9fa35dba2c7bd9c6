import Foundation
import ICal
import TestSupport
import Testing

@testable import Sync

@Suite struct VdirCalendarTests {
    let calendar = VdirCalendar(folder: FileManager.default.temporaryDirectory.appendingPathComponent("vdir-\(UUID().uuidString)"))

    func staffEvent(_ uid: String, _ start: String, _ end: String) throws -> ICalDocument {
        try ICalDocument(
            parsing:
                "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//staff "
                + "app//EN\r\nBEGIN:VEVENT\r\nUID:\(uid)\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:\(start)\r\nDTEND:\(end)\r\n"
                + "SUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        )
    }

    @Test func createReadUpdateDeleteWithETags() async throws {
        let booking = try SampleBooking.make().storedObject()
        let name = CalendarObjectName.forUID("booking-42@supportcal.example")
        #expect(name == "booking-42@supportcal.example.ics")
        let etag = try await calendar.create(named: name, booking)
        let read = try #require(try await calendar.object(named: name))
        #expect(read.etag == etag)
        #expect(read.document == booking)
        #expect(read.bookingID == "bk_42")

        let moved = try SampleBooking.make(start: "2026-11-04T15:00:00Z", end: "2026-11-04T16:00:00Z", sequence: 1).storedObject()
        let newETag = try await calendar.update(named: name, moved, ifMatch: etag)
        #expect(newETag != etag)
        #expect(try await calendar.object(named: name)?.document == moved)

        try await calendar.delete(named: name, ifMatch: newETag)
        #expect(try await calendar.object(named: name) == nil)
    }

    @Test func creatingTwiceIsAConflictNotASecondObject() async throws {
        let document = try SampleBooking.make().storedObject()
        _ = try await calendar.create(named: "a.ics", document)
        await #expect { _ = try await calendar.create(named: "a.ics", document) } throws: { ($0 as? CalendarError)?.code == .conflict }
        #expect(try calendar.listing().count == 1)
    }

    @Test func aStaleETagIsAConflictAndChangesNothing() async throws {
        let first = try SampleBooking.make().storedObject()
        let etag = try await calendar.create(named: "a.ics", first)
        // A staff member's app rewrites the file.
        try await Task.sleep(for: .milliseconds(5))
        let edited = try staffEvent("booking-42@supportcal.example", "20261103T170000Z", "20261103T180000Z")
        try Data(edited.text.utf8).write(to: calendar.folder.appendingPathComponent("a.ics"))
        await #expect { _ = try await calendar.update(named: "a.ics", first, ifMatch: etag) } throws: {
            ($0 as? CalendarError)?.code == .conflict
        }
        await #expect { try await calendar.delete(named: "a.ics", ifMatch: etag) } throws: { ($0 as? CalendarError)?.code == .conflict }
        #expect(try await calendar.object(named: "a.ics")?.document == edited)
    }

    @Test func changesSinceASnapshotFindAddsEditsAndDeletes() async throws {
        _ = try await calendar.create(named: "keep.ics", try staffEvent("keep", "20261103T100000Z", "20261103T110000Z"))
        _ = try await calendar.create(named: "edit.ics", try staffEvent("edit", "20261103T120000Z", "20261103T130000Z"))
        _ = try await calendar.create(named: "gone.ics", try staffEvent("gone", "20261103T140000Z", "20261103T150000Z"))
        let first = try await calendar.changes(since: .empty)
        #expect(first.changed.map(\.name) == ["edit.ics", "gone.ics", "keep.ics"])
        #expect(first.deleted.isEmpty)

        let nothing = try await calendar.changes(since: first.snapshot)
        #expect(nothing.changed.isEmpty && nothing.deleted.isEmpty)

        try await Task.sleep(for: .milliseconds(5))
        try Data(try staffEvent("edit", "20261103T160000Z", "20261103T170000Z").text.utf8).write(
            to: calendar.folder.appendingPathComponent("edit.ics"))
        try FileManager.default.removeItem(at: calendar.folder.appendingPathComponent("gone.ics"))
        _ = try await calendar.create(named: "new.ics", try staffEvent("new", "20261104T100000Z", "20261104T110000Z"))
        try Data("not a calendar".utf8).write(to: calendar.folder.appendingPathComponent("junk.ics"))

        let second = try await calendar.changes(since: first.snapshot)
        #expect(second.changed.map(\.name) == ["edit.ics", "new.ics"])
        #expect(second.deleted == ["gone.ics"])
        #expect(second.unreadable.map(\.name) == ["junk.ics"])
        #expect(second.changed.first?.document.events.first?.start?.instant == SampleBooking.date("2026-11-03T16:00:00Z"))
    }

    @Test func busyTimeCountsStaffEventsButNotOurBookingsAndReportsUnreadableFiles() async throws {
        _ = try await calendar.create(named: "dentist.ics", try staffEvent("dentist", "20261103T170000Z", "20261103T180000Z"))
        _ = try await calendar.create(named: "booking.ics", try SampleBooking.make().storedObject())
        try FileManager.default.createDirectory(at: calendar.folder, withIntermediateDirectories: true)
        try Data("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n".utf8).write(to: calendar.folder.appendingPathComponent("broken.ics"))
        let report = try await calendar.busy(
            from: SampleBooking.date("2026-11-03T00:00:00Z"), to: SampleBooking.date("2026-11-04T00:00:00Z"), floatingTimeZone: "UTC")
        #expect(
            report.intervals == [
                BusyInterval(start: SampleBooking.date("2026-11-03T17:00:00Z"), end: SampleBooking.date("2026-11-03T18:00:00Z"))
            ])
        #expect(report.unreadable.map(\.name) == ["broken.ics"])
    }

    @Test func aFolderThatDoesNotExistYetIsAnEmptyCalendar() async throws {
        #expect(try await calendar.changes(since: .empty).changed.isEmpty)
        #expect(try await calendar.busy(from: .now, to: .now.addingTimeInterval(3600), floatingTimeZone: "UTC").intervals.isEmpty)
    }

    @Test(arguments: ["../escape.ics", "a/b.ics", ".hidden.ics", "noext", ""])
    func namesThatCouldEscapeTheFolderAreRefused(name: String) async throws {
        await #expect { _ = try await calendar.create(named: name, try SampleBooking.make().storedObject()) } throws: {
            ($0 as? CalendarError)?.code == .invalid
        }
    }

    @Test(arguments: [
        ("b-7K3Q@supportcal", "b-7K3Q@supportcal.ics"),
        ("with space", "uid-"),
        ("a/b", "uid-"),
        ("Ünïcode", "uid-"),
    ])
    func objectNamesAreSafe(uid: String, prefix: String) {
        let name = CalendarObjectName.forUID(uid)
        #expect(name.hasPrefix(prefix))
        #expect(name.hasSuffix(".ics"))
        #expect(!name.contains("/") && !name.contains(" "))
        #expect(CalendarObjectName.forUID(uid) == name, "stable")
    }
}
