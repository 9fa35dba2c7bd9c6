import Foundation
import Testing

@testable import Mail

@Suite struct MessageHeadersTests {
    static func headerLines(_ message: MailMessage) -> [String] {
        let text = String(decoding: message.rendered(), as: UTF8.self)
        return text.components(separatedBy: "\r\n\r\n")[0].components(separatedBy: "\r\n")
    }

    @Test(arguments: [
        "Eve\r\nBcc: victim@example.com", "Eve\nBcc: victim@example.com", "Eve\rBcc: victim@example.com",
        "Ørsted\r\nX-Injected: 1", "Eve\r\n\r\nbody injection",
    ])
    func userTextCannotAddAHeader(name: String) throws {
        let headers = Self.headerLines(try Fixtures.message(subjectName: name, name: name))
        #expect(!headers.contains { $0.hasPrefix("Bcc:") || $0.hasPrefix("X-Injected:") || $0.hasPrefix("body") })
        // Every line is a header or a folded continuation of one.
        for line in headers { #expect(line.first == " " || line.contains(":")) }
    }

    @Test func nonASCIINamesAreEncodedWordsAndASCIINamesQuoted() {
        #expect(
            MessageHeaders.mailbox(name: "Eve Ørsted", address: "eve@orsted.example") == "=?UTF-8?B?RXZlIMOYcnN0ZWQ=?= <eve@orsted.example>"
        )
        #expect(MessageHeaders.mailbox(name: "Dana \"D\" W", address: "d@v.example") == "\"Dana \\\"D\\\" W\" <d@v.example>")
        #expect(MessageHeaders.mailbox(name: "Kistler, Söhne", address: "k@v.example").hasPrefix("=?UTF-8?B?"))
    }

    @Test func asciiThatLooksLikeAnEncodedWordIsEncoded() {
        #expect(MessageHeaders.encodedWord("=?UTF-8?B?QmNjOg==?=").hasPrefix("=?UTF-8?B?PT9VVEYt"))
        #expect(MessageHeaders.encodedWord("Plain subject") == "Plain subject")
    }

    @Test func longValuesFoldWithinSeventyEightCharacters() throws {
        let long = String(repeating: "Sehr geehrte Kundin Ørsted ", count: 8)
        let message = try Fixtures.message(subjectName: long, name: long)
        for line in String(decoding: message.rendered(), as: UTF8.self).components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 78, "\(line)")
        }
        #expect(MessageHeaders.line("Subject", "short") == "Subject: short")
    }

    @Test(arguments: [
        ("eve@orsted.example", true), ("eve.o+tag@mail.orsted.example", true),
        ("eve@orsted", false), ("eve orsted@example.com", false), ("<eve@orsted.example>", false),
        ("eve@orsted.example\r\nBcc: x@y.z", false), ("a@b.c,d@e.f", false), ("@orsted.example", false), ("eve@@x.example", false),
    ])
    func onlyPlainAddressesAreAccepted(address: String, valid: Bool) {
        #expect(((try? Mailbox(address: address)) != nil) == valid)
    }

    @Test func mailboxesParseTheUsualForms() throws {
        #expect(
            try Mailbox(parsing: "Vendor Support <support@vendor.example>")
                == Mailbox(name: "Vendor Support", address: "support@vendor.example"))
        #expect(try Mailbox(parsing: "\"Support, Inc\" <s@v.example>").name == "Support, Inc")
        #expect(try Mailbox(parsing: "s@v.example").name == nil)
        #expect(throws: Mailbox.InvalidAddress.self) { try Mailbox(parsing: "Support <not an address>") }
    }
}
