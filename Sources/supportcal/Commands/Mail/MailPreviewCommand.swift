import ArgumentParser
import Foundation
import Mail
import Operations
import Scheduling
import Store
import UseCases

extension EmailKind: ExpressibleByArgument {}

struct MailPreviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Print the email a booking would get, exactly as it would be sent.",
        discussion: """
            Nothing is queued or sent. The links in the preview are real, signed with the current key, so treat the output as you would \
            the customer's email.

            Kinds: \(EmailKind.allCases.map(\.rawValue).joined(separator: ", ")).

            Example: supportcal mail preview b-7k2m9q4xz1 --kind confirmation

            Example: supportcal mail preview b-7k2m9q4xz1 --kind reminder \\
                      --lead-minutes 120 --part text
            """
    )

    enum Part: String, ExpressibleByArgument, CaseIterable {
        case message, text, html, calendar, subject
    }

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The booking id.") var id: String
    @Option(help: "Which email.") var kind: EmailKind = .confirmation
    @Option(help: "For reminders: minutes before the start.") var leadMinutes: Int?
    @Option(help: ArgumentHelp("What to print: the whole message (MIME, as sent), or one part decoded.", valueName: "part"))
    var part: Part = .message

    func run() async throws {
        try await reportingFailures(json: global.json) {
            let context = try AppContext.open(global)
            let facts = try context.store.read { tx in
                guard let stored = try tx.storedBooking(BookingID(id)) else {
                    throw CommandFailure(message: "no booking \(id) (see `supportcal bookings list`)")
                }
                return (stored, try tx.requireCompany(stored.booking.companyID), try tx.requireContact(stored.booking.contactID))
            }
            guard let member = context.staff.first(where: { $0.key == facts.0.booking.staff }) else {
                throw CommandFailure(message: "staff \(facts.0.booking.staff.rawValue) is not in the configuration")
            }
            let lead = kind == .reminder ? (leadMinutes ?? Int((context.policy.reminderLeadTimes.max() ?? 86_400) / 60)) : nil
            let payload = EmailPayload(kind: kind, bookingID: id, sequence: facts.0.booking.sequence, leadMinutes: lead)
            let composer = try MailSetup.composer(context.configuration, eventBuilder: context.desk.eventBuilder)
            let noticeFacts = NoticeComposer.Facts(stored: facts.0, company: facts.1, contact: facts.2, staff: member)
            switch part {
            case .message:
                let message = try composer.message(payload, facts: noticeFacts, messageID: "preview.\(id)@supportcal", now: context.now)
                FileHandle.standardOutput.write(Data(message.rendered()))
            case .subject, .text, .html, .calendar:
                let notice = try composer.notice(payload, facts: noticeFacts, now: context.now)
                switch part {
                case .subject: print(notice.rendered.subject)
                case .text: print(notice.rendered.text, terminator: "")
                case .html: print(notice.rendered.html)
                default:
                    guard let calendar = notice.calendar else {
                        throw CommandFailure(message: "a \(kind.rawValue) email carries no calendar object")
                    }
                    print(calendar.text, terminator: "")
                }
            }
        }
    }
}
