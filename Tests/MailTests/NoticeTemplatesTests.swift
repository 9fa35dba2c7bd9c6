import Foundation
import Testing

@testable import Mail

@Suite struct NoticeTemplatesTests {
    let templates = try! NoticeTemplates()

    @Test(arguments: NoticeTemplates.kinds)
    func everyKindRendersItsFacts(kind: String) throws {
        let rendered = try templates.render(kind, Fixtures.content())
        #expect(!rendered.subject.isEmpty && !rendered.subject.contains("\n"))
        for text in [rendered.text, rendered.html] {
            #expect(text.contains("Eve Ørsted"), "greets the contact")
            #expect(text.contains("b-1"), "names the booking")
            #expect(!text.contains("{{") && !text.contains("}}"))
        }
        #expect(rendered.html.contains("<html lang=\"en\">") && rendered.html.contains("name=\"viewport\""))
    }

    @Test(arguments: ["confirmation", "reminder", "rescheduled", "emergency-placement"])
    func sessionNoticesCarryTimeZoneJoinDetailsAndLinks(kind: String) throws {
        let content = Fixtures.content(links: kind == "emergency-placement" ? .init(decline: "https://support.example/b/d") : nil)
        let rendered = try templates.render(kind, content)
        #expect(rendered.text.contains("9:00 AM UTC-6 (America/Chicago) on Tuesday, 3 November 2026"))
        #expect(
            rendered.text.contains("https://meet.example/b-1") && rendered.text.contains("+1 555 0100") && rendered.text.contains("123456"))
        #expect(rendered.html.contains("href=\"tel:+15550100\""))
        if kind == "emergency-placement" {
            #expect(rendered.text.contains("https://support.example/b/d"))
            #expect(rendered.text.contains("at once"))
        } else {
            #expect(
                rendered.text.contains("Reschedule: https://support.example/b/r")
                    && rendered.text.contains("Cancel: https://support.example/b/c"))
            #expect(rendered.html.contains("href=\"https://support.example/b/c\""))
        }
    }

    @Test func suspensionNamesTheReinstatementAmount() throws {
        #expect(try templates.render("suspension", Fixtures.content()).text.contains("$100.00"))
    }

    @Test func customerTextIsEscapedInHTMLAndLeftAloneInText() throws {
        let rendered = try templates.render("confirmation", Fixtures.content(name: "<script>alert(1)</script> & Co"))
        #expect(!rendered.html.contains("<script>"))
        #expect(rendered.html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"))
        #expect(rendered.text.contains("<script>alert(1)</script> & Co"))
        #expect(rendered.subject == "Confirmed: 60-minute live session on Tuesday, 3 November 2026")
    }

    @Test func anOperatorsFolderReplacesSingleTemplates() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("Booked: {{what}} at {{time}}".utf8).write(to: folder.appendingPathComponent("confirmation.subject.mustache"))
        try Data("Hi {{recipientName}}! {{> footer.txt}}".utf8).write(to: folder.appendingPathComponent("confirmation.txt.mustache"))
        let custom = try NoticeTemplates(overridesIn: folder)
        let rendered = try custom.render("confirmation", Fixtures.content())
        #expect(rendered.subject == "Booked: 60-minute live session at 9:00 AM")
        #expect(rendered.text.hasPrefix("Hi Eve Ørsted! Booking reference: b-1"))
        #expect(
            rendered.html.contains("<title>Booked: 60-minute live session at 9:00 AM</title>"), "the built-in HTML shows the custom subject"
        )
        #expect(rendered.html.contains("Dana Whitfield"))
        #expect(custom.overridden == ["confirmation.subject", "confirmation.txt"])
    }

    @Test func unknownOrBrokenTemplatesAreNamedErrors() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("x".utf8).write(to: folder.appendingPathComponent("confirmaton.txt.mustache"))
        #expect { try NoticeTemplates(overridesIn: folder) } throws: { "\($0)".contains("confirmaton.txt") }
        try FileManager.default.removeItem(at: folder.appendingPathComponent("confirmaton.txt.mustache"))
        try Data("{{#links}} unclosed".utf8).write(to: folder.appendingPathComponent("reminder.txt.mustache"))
        #expect { try NoticeTemplates(overridesIn: folder) } throws: { "\($0)".contains("reminder.txt.mustache") }
    }

    @Test func exportWritesEveryTemplateOnceAndNeverOverwrites() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let written = try NoticeTemplates.exportBuiltIns(to: folder)
        #expect(written.count == NoticeTemplates.names.count && written.count == NoticeTemplates.kinds.count * 3 + 9)
        #expect(throws: NoticeTemplates.Failure.self) { try NoticeTemplates.exportBuiltIns(to: folder) }
        // The exported files, read back as overrides, render the same as the built-ins.
        let roundTrip = try NoticeTemplates(overridesIn: folder)
        #expect(try roundTrip.render("reminder", Fixtures.content()) == (try templates.render("reminder", Fixtures.content())))
    }
}
