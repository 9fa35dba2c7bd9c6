import Foundation
import TestSupport
import Testing

/// What the customer's email and invitation say, and what the staff calendar's copy says,
/// through the real binary (Maildir delivery, `mail preview`). Issue 12: the price was not
/// stated, no email had a plain link back to the booking, the event's URL pointed at a page
/// that does not exist, and the customer's invitation was titled with their own company.
@Suite struct InvitationContentTests {
    func workspace() throws -> (CLIWorkspace, String) {
        let workspace = try CLIWorkspace(root: "public_base_url = \"https://support.vendor.example\"")
        let contact = "pat-\(UUID().uuidString.prefix(8).lowercased())@pine.example"
        try workspace.ok(["companies", "add", "--id", "pine", "--name", "Pine & Co"])
        try workspace.ok(["contacts", "add", "--company", "pine", "--email", contact, "--name", "Pat Pine", "--tz", "America/Chicago"])
        return (workspace, contact)
    }

    @Test func theConfirmationStatesThePriceThatItIsNotRefundableAndLinksBackToTheBooking() throws {
        let (workspace, contact) = try workspace()
        defer { workspace.remove() }
        let id = try workspace.book(contact: contact, start: "2026-12-02T15:00:00Z", now: "2026-12-01T12:00:00Z")
        let text = try workspace.ok(["mail", "preview", id, "--kind", "confirmation", "--part", "text"], now: "2026-12-01T12:00:00Z")
        #expect(text.contains("Price: $140.00"))
        #expect(text.contains("Paid sessions are not refundable: cancelling releases the time, not the payment."))
        #expect(text.contains("Your booking: https://support.vendor.example/b/"))
        let html = try workspace.ok(["mail", "preview", id, "--kind", "confirmation", "--part", "html"], now: "2026-12-01T12:00:00Z")
        #expect(html.contains("Price: <strong>$140.00</strong>") && html.contains(">View your booking</a>"))
        // After the cutoff the reminder still carries the way back to the booking.
        let reminder = try workspace.ok(
            ["mail", "preview", id, "--kind", "reminder", "--lead-minutes", "120", "--part", "text"], now: "2026-12-02T14:00:00Z")
        #expect(reminder.contains("Your booking: https://support.vendor.example/b/"))
        #expect(!reminder.contains("Reschedule:"), "past the cutoff the change links are gone")
    }

    @Test func theInvitationLinksToTheBookingPageAndSaysWhomTheyMeetWhileTheStaffCopyNamesTheCompany() throws {
        let (workspace, contact) = try workspace()
        defer { workspace.remove() }
        let id = try workspace.book(contact: contact, start: "2026-12-02T15:00:00Z", now: "2026-12-01T12:00:00Z")
        let calendar = try workspace.ok(
            ["mail", "preview", id, "--kind", "confirmation", "--part", "calendar"], now: "2026-12-01T12:00:00Z")
        let unfolded = calendar.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("SUMMARY:Live support session with Vendor Support"))
        let url = try #require(unfolded.components(separatedBy: "\r\n").first { $0.hasPrefix("URL:") })
        #expect(url.hasPrefix("URL:https://support.vendor.example/b/"))
        #expect(!unfolded.contains("/bookings/"))
        // The link in the invitation opens the booking (it is the signed view link).
        let check = try workspace.ok(["links", "check", String(url.dropFirst(4))], now: "2026-12-01T12:00:00Z")
        #expect(check.contains(id) && check.contains("view"))

        let files = workspace.files(in: workspace.calendarFolder())
        #expect(files.count == 1)
        let staffCopy = try String(contentsOf: workspace.calendarFolder().appendingPathComponent(files[0]), encoding: .utf8)
            .replacingOccurrences(of: "\r\n ", with: "")
        #expect(staffCopy.contains("SUMMARY:Live session: Pine & Co"))
        #expect(!staffCopy.contains("\r\nURL:"), "no link to a page staff cannot open")
    }
}
