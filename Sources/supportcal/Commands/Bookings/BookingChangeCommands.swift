import ArgumentParser
import Foundation
import Scheduling
import Store

/// Who asks for a change: a customer is held to the cutoff, staff are not.
enum PartyArgument: String, ExpressibleByArgument, CaseIterable {
    case customer, staff
    var party: Party { self == .customer ? .customer : .staff }
}

/// Loads a booking with its company and contact, or fails (usage, exit 2) naming the id.
func loadBooking(_ id: String, context: AppContext) throws -> (StoredBooking, Company, Contact) {
    try context.store.read { tx in
        guard let stored = try tx.storedBooking(BookingID(id)) else {
            throw CommandFailure.unknown("booking \(id)", see: "supportcal bookings list")
        }
        return (stored, try tx.requireCompany(stored.booking.companyID), try tx.requireContact(stored.booking.contactID))
    }
}

/// Loads a contact by email with their company, or fails (usage, exit 2) naming the address.
func loadContact(email: String, context: AppContext) throws -> (Company, Contact) {
    try context.store.read { tx in
        guard let person = try tx.contact(email: email) else {
            throw CommandFailure.unknown("contact with email \(email)", see: "supportcal contacts list")
        }
        return (try tx.requireCompany(person.companyID), person)
    }
}

/// The end of every booking change: a refusal prints (with `unchanged`, what did not
/// happen) and exits 3; otherwise the change's calendar writes and emails go out at once
/// and the booking is shown.
func report(_ decision: Decision<Booking>, of stored: StoredBooking, contact: Contact, context: AppContext, json: Bool, unchanged: String)
    async throws
{
    let changed = try decision.acceptedOrExit(json: json, unchanged: unchanged)
    let delivery = try await context.deliver(booking: changed.id)
    try BookingView(changed, contact: contact, isEmergency: stored.isEmergency).print(json: json, delivery: delivery)
}

struct CancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel a booking.",
        discussion: """
            A customer may cancel until 65 minutes before the start (refused after, exit 3, with the exact cutoff in their zone); staff \
            may cancel at any time, and a paid session cancelled by staff is flagged for a refund review. The event leaves the staff \
            calendar and the customer is sent the cancellation.

            Example: supportcal cancel b-7k2m9q4xz1 --by customer
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The booking id.") var id: String
    @Option(help: "Who cancels: customer or staff.") var by: PartyArgument = .customer

    func run() async throws {
        try await reportingFailures(json: global.json) {
            let context = try AppContext.open(global)
            let (stored, _, contact) = try loadBooking(id, context: context)
            let decision = try await context.desk.cancel(BookingID(id), by: by.party, actor: context.actor("cancel"), now: context.now)
            try await report(
                decision, of: stored, contact: contact, context: context, json: global.json, unchanged: "The booking was not cancelled.")
        }
    }
}

struct RescheduleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reschedule",
        abstract: "Move a booking to another start.",
        discussion: """
            The same cutoff as cancelling holds for customers; the new time must be a free slot. The staff calendar event moves (same \
            UID, higher SEQUENCE) and the customer is told.

            Example: supportcal reschedule b-7k2m9q4xz1 --start 2026-11-04T15:00:00Z
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The booking id.") var id: String
    @Option(help: "The new start (ISO-8601; zone-less values are read in the contact's zone).") var start: TimeArgument
    @Option(help: "Who moves it: customer or staff.") var by: PartyArgument = .customer
    @Option(help: "Staff only: give the session to this staff member.") var staff: String?

    func run() async throws {
        try await reportingFailures(json: global.json) {
            let context = try AppContext.open(global)
            let (stored, _, contact) = try loadBooking(id, context: context)
            let decision = try await context.desk.reschedule(
                stored.booking, to: start.instant(in: contact.timeZone), by: by.party, staff: staff.map { StaffKey($0) },
                actor: context.actor("reschedule"), now: context.now)
            try await report(
                decision, of: stored, contact: contact, context: context, json: global.json, unchanged: "The booking was not moved.")
        }
    }
}

struct JoinCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "join",
        abstract: "Record that someone from the company joined the session.",
        discussion: """
            Joining 10 minutes or more after the start does not reopen a session: it is a no-show.

            Example: supportcal join b-7k2m9q4xz1 --at 2026-11-03T15:04:00Z
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The booking id.") var id: String
    @Option(help: "When they joined (default: --now or the clock).") var at: TimeArgument?

    func run() async throws {
        try await reportingFailures(json: global.json) {
            let context = try AppContext.open(global)
            let (stored, _, contact) = try loadBooking(id, context: context)
            let instant = at?.instant(in: contact.timeZone) ?? context.now
            let joined: Booking
            do {
                joined = try await context.desk.join(BookingID(id), at: instant, actor: context.actor("join"), now: context.now)
            } catch let error as SchedulingError {
                // A join time after now is a mistake on the command line (2); joining a
                // cancelled booking is a change its state does not allow (1).
                throw CommandFailure(
                    message: "\(id): \(error.message)\(error.code == .invalidInput ? " (--at)" : "")",
                    exitCode: error.code == .invalidInput ? ExitStatus.usage : ExitStatus.failure)
            }
            try BookingView(joined, contact: contact, isEmergency: stored.isEmergency).print(json: global.json)
            if joined.status == .noShow, !global.json {
                print(
                    "  note: joined at or after start + \(Int(context.policy.noShowGrace / 60)) minutes, so the session stays "
                        + "closed as a no-show"
                )
            }
        }
    }
}
