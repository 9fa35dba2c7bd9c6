import Foundation
import Testing

@testable import Mail

@Suite struct CalendarReplyTests {
    static let reply = """
        BEGIN:VCALENDAR\r
        PRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN\r
        VERSION:2.0\r
        METHOD:REPLY\r
        BEGIN:VEVENT\r
        UID:b-7k2m9q4xz1@supportcal\r
        SEQUENCE:1\r
        DTSTAMP:20261201T120000Z\r
        DTSTART:20261203T150000Z\r
        DTEND:20261203T160000Z\r
        ORGANIZER;CN=Vendor Support:mailto:support@vendor.example\r
        ATTENDEE;CN=Eve Ørsted;PARTSTAT=DECLINED:mailto:eve@orsted.example\r
        SUMMARY:Live session: Ørsted Crating\r
        END:VEVENT\r
        END:VCALENDAR\r

        """

    /// A reply as Thunderbird and Apple Mail send it: text, then the calendar part.
    static func email(calendarEncoding: String, method: String = "REPLY", calendar: String = reply) -> [UInt8] {
        let body: String
        switch calendarEncoding {
        case "base64": body = Data(calendar.utf8).base64EncodedString(options: .lineLength76Characters)
        case "quoted-printable": body = TransferEncoding.quotedPrintable(Array(calendar.utf8))
        default: body = calendar
        }
        return Array(
            """
            From: =?UTF-8?B?RXZlIMOYcnN0ZWQ=?= <eve@orsted.example>\r
            To: support@vendor.example\r
            Subject: Declined: Live session\r
            Message-ID: <reply-1@orsted.example>\r
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed;\r
             boundary="------------abc123"\r
            \r
            This is a multi-part message in MIME format.\r
            --------------abc123\r
            Content-Type: text/plain; charset=UTF-8\r
            \r
            Eve Ørsted has declined.\r
            --------------abc123\r
            Content-Type: text/calendar; charset=UTF-8; method=\(method)\r
            Content-Transfer-Encoding: \(calendarEncoding)\r
            \r
            \(body)\r
            --------------abc123--\r

            """.utf8)
    }

    @Test(arguments: ["8bit", "base64", "quoted-printable"])
    func aDeclineIsReadWhateverTheTransferEncoding(encoding: String) throws {
        let parsed = try CalendarReply(email: Self.email(calendarEncoding: encoding))
        #expect(parsed.reply.uid == "b-7k2m9q4xz1@supportcal")
        #expect(parsed.reply.participationStatus == "DECLINED")
        #expect(parsed.reply.sequence == 1)
        #expect(parsed.reply.attendee.email == "eve@orsted.example")
        #expect(parsed.sender?.address == "eve@orsted.example")
        #expect(parsed.messageID == "<reply-1@orsted.example>")
    }

    @Test func anInvitationIsNotAReply() {
        #expect { try CalendarReply(email: Self.email(calendarEncoding: "8bit", method: "REQUEST")) } throws: {
            "\($0)".contains("REQUEST")
        }
        let request = Self.reply.replacingOccurrences(of: "METHOD:REPLY", with: "METHOD:REQUEST")
        #expect { try CalendarReply(email: Self.email(calendarEncoding: "8bit", method: "REPLY", calendar: request)) } throws: {
            "\($0)".contains("REPLY")
        }
    }

    @Test(arguments: [
        "", "no headers at all", "Subject: hi\r\n\r\nplain text only",
        "Content-Type: multipart/mixed\r\n\r\n--x\r\n", "Content-Type: text/calendar\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!!",
        "Content-Type: text/calendar\r\n\r\nBEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nEND:VCALENDAR\r\n",
        "Content-Type: text/calendar\r\n\r\nBEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    ])
    func brokenMailIsAnErrorNotACrash(text: String) {
        #expect(throws: CalendarReply.Failure.self) { try CalendarReply(email: Array(text.utf8)) }
    }

    @Test func deeplyNestedPartsAreRefused() {
        var text = ""
        for level in 0..<20 { text += "Content-Type: multipart/mixed; boundary=\"b\(level)\"\r\n\r\n--b\(level)\r\n" }
        #expect(throws: CalendarReply.Failure.self) { try CalendarReply(email: Array(text.utf8)) }
    }

    @Test func whatWeSendParsesBackPartForPart() throws {
        let message = try InboundMessage(parsing: Fixtures.message().rendered())
        #expect(message.parts.map(\.mediaType) == ["text/plain", "text/html", "text/calendar", "application/ics"])
        #expect(message.calendarPart?.parameters["method"] == "REQUEST")
        #expect(String(decoding: message.parts[0].body, as: UTF8.self).contains("Hello Eve,"))
        #expect(message.parts[2].body == message.parts[3].body)
        #expect(message.parts[3].filename == "invite.ics")
        #expect(message.header("Auto-Submitted") == nil, "iMIP consumers skip auto-submitted invitations")
    }

    @Test func noticesWithoutACalendarAreAlternativeOnlyAndAutoSubmitted() throws {
        let message = try InboundMessage(parsing: Fixtures.message(kind: "reminder", calendar: false).rendered())
        #expect(message.parts.map(\.mediaType) == ["text/plain", "text/html"])
        #expect(message.header("Content-Type")?.hasPrefix("multipart/alternative") == true)
        #expect(message.header("Auto-Submitted") == "auto-generated")
    }
}
