import Foundation
import Testing

@testable import ICal

@Suite struct ParsingTests {
    static let withUnknowns = Fixtures.calendar(
        """
        X-WR-CALNAME:Staff\r
        BEGIN:VEVENT\r
        UID:abc-1\r
        DTSTAMP:20261101T120000Z\r
        DTSTART:20261103T150000Z\r
        DTEND:20261103T160000Z\r
        SUMMARY;X-VENDOR-PARAM=keep:Review\r
        X-MOZ-LASTACK:20261101T000000Z\r
        X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC\r
        BEGIN:VALARM\r
        ACTION:DISPLAY\r
        DESCRIPTION:Reminder\r
        TRIGGER:-PT15M\r
        END:VALARM\r
        END:VEVENT\r

        """)

    @Test func roundTripKeepsWhatWeDoNotKnow() throws {
        let document = try ICalDocument(parsing: Self.withUnknowns)
        for needle in [
            "X-WR-CALNAME:Staff", "SUMMARY;X-VENDOR-PARAM=keep:Review", "X-MOZ-LASTACK:20261101T000000Z",
            "X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC", "BEGIN:VALARM", "TRIGGER:-PT15M",
        ] {
            #expect(document.text.contains(needle), "lost \(needle)")
        }
        let again = try ICalDocument(parsing: document.text)
        #expect(again.text == document.text)
        #expect(document.events.first?.componentNames == ["VALARM"])
        #expect(document.events.first?.property("X-MOZ-LASTACK")?.value == "20261101T000000Z")
    }

    @Test func serializationUsesCRLFAndFoldsAt75OctetsWithoutSplittingCharacters() throws {
        // libical trims trailing white space from a line, so the text ends in a letter.
        let long = String(repeating: "Ärger über Öffnungszeiten ", count: 12) + "Ende"
        let text = Fixtures.calendar("BEGIN:VEVENT\r\nUID:fold\r\nDTSTART:20261103T150000Z\r\nSUMMARY:\(long)\r\nEND:VEVENT\r\n")
        let document = try ICalDocument(parsing: text)
        let bytes = Array(document.text.utf8)
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == 13, index + 1 < bytes.count, bytes[index + 1] == 10 {
                lines.append(current)
                current = []
                index += 2
                continue
            }
            #expect(bytes[index] != 10, "a bare LF at byte \(index)")
            current.append(bytes[index])
            index += 1
        }
        #expect(current.isEmpty, "the text does not end in CRLF")
        for line in lines {
            #expect(line.count <= 75, "a line of \(line.count) octets")
            #expect(String(validating: line, as: UTF8.self) != nil, "a line splits a UTF-8 character")
        }
        #expect(document.events.first?.summary == long)
    }

    @Test(arguments: [
        ("", ICalError.Code.notACalendar, nil as Int?),
        ("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VCALENDAR\r\n", .malformed, 4),
        ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\n", .malformed, 5),
        ("BEGIN:VCALENDAR\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", .malformed, 2),
        ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nthis line has no colon\r\nEND:VCALENDAR\r\n", .malformed, 3),
        ("BEGIN:VCARD\r\nFN:Eve\r\nEND:VCARD\r\n", .notACalendar, 1),
        ("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", .malformed, 3),
        ("BEGIN:VCALENDAR\r\nSUMMARY:a\u{0}b\r\nEND:VCALENDAR\r\n", .malformed, nil),
    ])
    func malformedTextIsRefusedWithWhereAndWhat(text: String, code: ICalError.Code, line: Int?) {
        #expect {
            _ = try ICalDocument(parsing: text)
        } throws: { error in
            guard let error = error as? ICalError else { return false }
            return error.code == code && error.line == line && !error.message.isEmpty
        }
    }

    @Test func aBareEventIsReadAsIfInsideACalendarAndSaysSo() throws {
        let document = try ICalDocument(parsing: "BEGIN:VEVENT\nUID:bare\nDTSTART:20261103T150000Z\nEND:VEVENT\n")
        #expect(document.events.map(\.uid) == ["bare"])
        #expect(document.issues.contains { $0.message.contains("bare VEVENT") })
    }

    @Test func valuesLibicalCannotReadAreReportedAsIssues() throws {
        let text = Fixtures.calendar("BEGIN:VEVENT\r\nUID:bad-date\r\nDTSTART:not-a-date\r\nSUMMARY:still here\r\nEND:VEVENT\r\n")
        let document = try ICalDocument(parsing: text)
        #expect(!document.issues.isEmpty)
        #expect(!document.text.contains("X-LIC-ERROR"))
        #expect(document.events.first?.summary == "still here")
    }

    @Test func escapedTextIsUnescapedInValuesAndKeptInText() throws {
        let text = Fixtures.calendar(
            "BEGIN:VEVENT\r\nUID:esc\r\nDTSTART:20261103T150000Z\r\nDESCRIPTION:a\\, b\\; c\\nnext\r\nEND:VEVENT\r\n")
        let document = try ICalDocument(parsing: text)
        #expect(document.events.first?.description == "a, b; c\nnext")
        #expect(document.text.contains("DESCRIPTION:a\\, b\\; c\\nnext"))
    }
}
