import Foundation
import Testing
import TestSupport
@testable import Mail

@Suite struct MaildirTests {
    let maildir = Maildir(folder: FileManager.default.temporaryDirectory.appendingPathComponent("maildir-\(UUID().uuidString)"))

    func message(subject: String = "Hello", name: String = "Eve") -> NoticeMessage {
        NoticeMessage(from: ("Vendor Support", "support@vendor.example"), to: (name, "eve@orsted.example"), subject: subject,
                      body: "Line one\nLine two", calendar: try? SampleBooking.make().request(), messageID: "m.1@supportcal",
                      date: SampleBooking.date("2026-12-01T12:00:00Z"))
    }

    @Test func theSameKeyIsDeliveredOnce() throws {
        let bytes = message().rendered()
        #expect(try maildir.deliver(bytes, key: "mail/b-1/0/confirmation") == .delivered("supportcal." + Maildir.hash("mail/b-1/0/confirmation") + ".eml"))
        #expect(try maildir.deliver(bytes, key: "mail/b-1/0/confirmation") == .alreadyDelivered("supportcal." + Maildir.hash("mail/b-1/0/confirmation") + ".eml"))
        _ = try maildir.deliver(bytes, key: "mail/b-1/0/reminder-24h")
        let delivered = try FileManager.default.contentsOfDirectory(atPath: maildir.folder.appendingPathComponent("new").path)
        #expect(delivered.count == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: maildir.folder.appendingPathComponent("tmp").path).isEmpty)
    }

    @Test(arguments: ["Eve\r\nBcc: victim@example.com", "Eve\nBcc: victim@example.com", "Ørsted\r\nX-Injected: 1"])
    func userTextCannotAddAHeader(name: String) {
        let text = String(decoding: message(subject: name, name: name).rendered(), as: UTF8.self)
        let headers = text.components(separatedBy: "\r\n\r\n")[0].components(separatedBy: "\r\n")
        #expect(!headers.contains { $0.hasPrefix("Bcc:") || $0.hasPrefix("X-Injected:") })
    }

    @Test func theCalendarPartsMethodMatchesAndLinesStayShort() throws {
        let text = String(decoding: message().rendered(), as: UTF8.self)
        #expect(text.contains("Content-Type: text/calendar; charset=UTF-8; method=REQUEST"))
        #expect(text.contains("filename=\"invite.ics\""))
        for line in text.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 78) }
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "no bare LF")
    }

    @Test func nonASCIINamesAreEncodedWords() {
        #expect(MessageHeaders.mailbox(name: "Eve Ørsted", address: "eve@orsted.example") == "=?UTF-8?B?RXZlIMOYcnN0ZWQ=?= <eve@orsted.example>")
        #expect(MessageHeaders.mailbox(name: "Dana \"D\" W", address: "d@v.example") == "\"Dana \\\"D\\\" W\" <d@v.example>")
    }
}
