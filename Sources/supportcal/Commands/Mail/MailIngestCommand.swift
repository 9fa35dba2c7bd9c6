import ArgumentParser
import Foundation
import Mail
import Operations
import Scheduling
import Store

struct MailIngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Apply a customer's calendar reply (an iTIP REPLY email) to their booking.",
        discussion: """
            Reads one email (RFC 5322, as delivered) from FILE or standard input. Built to be the target of a mail filter on the Reply-To \
            mailbox, e.g. a procmail or Sieve "pipe" to `supportcal mail ingest`.

            DECLINED releases an emergency placement at once (there is no cutoff for that), and cancels a normal booking like the \
            customer's cancel link would: until 65 minutes before the start. ACCEPTED and TENTATIVE are noted in the audit log. A reply \
            to an older version of the invitation (lower SEQUENCE) is ignored. The ATTENDEE in the reply must be the booking's contact.

            Exit status: 0 applied or noted, 1 not a reply to a SupportCal booking or not from its contact, 3 refused by policy (too late \
            to cancel).

            Example: supportcal mail ingest < reply.eml
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The email file (default: standard input).") var file: String?

    struct Result: Encodable {
        var booking: String
        var outcome: String
        var detail: String
        var status: String?
    }

    func run() async throws {
        try await reportingFailures(json: global.json) {
            let bytes: [UInt8]
            if let file, file != "-" {
                guard let data = FileManager.default.contents(atPath: file) else { throw CommandFailure(message: "cannot read \(file)") }
                bytes = Array(data)
            } else {
                bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
            }
            let reply: CalendarReply
            do throws(CalendarReply.Failure) {
                reply = try CalendarReply(email: bytes)
            } catch {
                throw CommandFailure(message: error.description)
            }
            let context = try AppContext.open(global)
            let outcome: BookingDesk.ReplyOutcome
            do {
                outcome = try await context.desk.applyReply(
                    reply.reply, actor: BookingDesk.Actor(reply.reply.attendee.email, via: "supportcal mail ingest"), now: context.now)
            } catch let error as BookingDesk.ReplyError {
                throw CommandFailure(message: error.description)
            }
            let uid = reply.reply.uid
            let bookingID = try await context.store.read { tx in try tx.storedBooking(calendarUID: uid)?.booking.id.rawValue } ?? uid
            let result: Result
            switch outcome {
            case .released(let booking):
                result = Result(
                    booking: bookingID, outcome: "released",
                    detail: "the emergency placement is released and the customer sent the cancellation", status: booking.status.rawValue)
            case .cancelled(let booking):
                result = Result(
                    booking: bookingID, outcome: "cancelled", detail: "cancelled at the customer's request (their calendar reply)",
                    status: booking.status.rawValue)
            case .refused(let rule, let reason):
                if global.json {
                    try JSONOutput.print(Refusal(rule: rule.rawValue, reason: reason))
                } else {
                    print("refused (\(rule.rawValue)): \(reason) The booking was not changed.")
                }
                throw ExitStatus.refused
            case .noted(let status):
                result = Result(booking: bookingID, outcome: "noted", detail: "\(status) recorded in the audit log")
            case .stale(let replied, let current):
                result = Result(
                    booking: bookingID, outcome: "stale",
                    detail: "the reply answers SEQUENCE \(replied); the booking is at \(current), so it is ignored")
            }
            if result.status != nil { try await context.deliver(booking: BookingID(bookingID)) }
            if global.json { try JSONOutput.print(result) } else { print("\(result.booking): \(result.outcome): \(result.detail)") }
        }
    }
}
