import ArgumentParser
import Curl
import Foundation
import Logging
import Mail
import Operations
import Scheduling
import Store

extension BenchCommand {
    struct MailBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mail",
            abstract: "Time composing customers' emails (templates, links, iTIP, MIME) and, with --smtp, submitting them.",
            discussion: """
                Example: swift run -c release supportcal bench mail --messages 2000 \\
                          --smtp smtp://127.0.0.1:2525
                """
        )

        @Option(help: "Messages to compose (cycling through every kind).") var messages = 2_000
        @Option(help: "Also submit this many of them to this SMTP server, one connection each (as the outbox does).")
        var smtp: String?
        @Option(help: "How many to submit with --smtp.") var submit = 200

        func run() async throws {
            let zone = TimeZone(identifier: "America/Chicago")!
            let staff = Staff(key: "dana", name: "Dana Whitfield", timeZone: zone, weeklyHours: try .same([TimeOfDayRange("09:00-17:00")!]))
            let company = Company(id: "orsted", name: "Ørsted Crating")
            let contact = Contact(
                id: "eve", companyID: "orsted", name: "Eve Ørsted", email: "eve@orsted.example",
                timeZone: TimeZone(identifier: "Europe/Copenhagen")!)
            let start = Date(timeIntervalSince1970: 1_796_223_600)  // 2026-12-02T15:00:00Z
            let booking = Booking(
                id: "b-benchmark1", companyID: "orsted", contactID: "eve", sessionType: SessionType(.liveSession, minutes: 60),
                start: start, staff: "dana", charge: Charge(basis: .planFree, amount: .zero),
                bookedAt: start.addingTimeInterval(-86_400 * 3))
            let facts = NoticeComposer.Facts(
                stored: StoredBooking(booking: booking, calendarUID: "b-benchmark1@supportcal", isEmergency: false),
                company: company, contact: contact, staff: staff)
            let composer = NoticeComposer(
                eventBuilder: BookingEventBuilder(
                    organizerName: "Vendor Support", organizerEmail: "support@vendor.example", conferencePhone: "+1 555 0100",
                    meetingURLTemplate: "https://meet.example/{booking}"),
                templates: try NoticeTemplates(), signer: LinkSigner(key: try LinkSigningKey(LinkSigningKey.generate(), origin: "bench")),
                publicBaseURL: URL(string: "https://support.example")!, policy: .default,
                from: try Mailbox(name: "Vendor Support", address: "support@vendor.example"), replyTo: nil)
            let now = start.addingTimeInterval(-86_400)
            let kinds = EmailKind.allCases
            var rendered: [[UInt8]] = []
            rendered.reserveCapacity(messages)
            let clock = ContinuousClock()
            let elapsed = try clock.measure {
                for index in 0..<messages {
                    let payload = EmailPayload(kind: kinds[index % kinds.count], bookingID: "b-benchmark1", sequence: 0, leadMinutes: 120)
                    rendered.append(
                        try composer.message(payload, facts: facts, messageID: "bench.\(index)@supportcal", now: now).rendered())
                }
            }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let bytes = rendered.reduce(0) { $0 + $1.count }
            print(
                "composed \(messages) messages (\(kinds.count) kinds) in \(String(format: "%.3f", seconds)) s: "
                    + "\(Int(Double(messages) / seconds)) messages/s, \(String(format: "%.1f", seconds * 1000 / Double(messages))) "
                    + "ms each, "
                    + "\(bytes / max(messages, 1)) bytes on average")
            guard let smtp else { return }
            let client = SMTPClient(SMTPConfiguration(url: smtp), logger: BenchLogger.quiet)
            let count = min(submit, rendered.count)
            let sent = try await clock.measure {
                for index in 0..<count {
                    try await client.send(
                        rendered[index], envelope: SMTPEnvelope(sender: "support@vendor.example", recipients: ["bench@orsted.example"]))
                }
            }
            let sentSeconds = Double(sent.components.seconds) + Double(sent.components.attoseconds) / 1e18
            print(
                "submitted \(count) messages to \(SMTPConfiguration(url: smtp)) in \(String(format: "%.3f", sentSeconds)) s: "
                    + "\(Int(Double(count) / sentSeconds)) messages/s, "
                    + "\(String(format: "%.1f", sentSeconds * 1000 / Double(count))) ms each"
            )
        }
    }
}
