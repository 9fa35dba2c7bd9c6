import ArgumentParser
import Foundation
import Operations
import Scheduling
import Store

struct BookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "book",
        abstract: "Book a session for a contact's company.",
        discussion: """
            With --code (the company's maintenance code) a company with an active plan books free or discounted; without it, the fee \
            schedule applies. The booking is written to the assigned staff member's calendar and the confirmation is queued at once. \
            Refusals (slot taken, too short notice, wrong code, suspended) exit 3 with the reason.

            Example: supportcal book --contact eve@orsted.example --kind live-session \\
                      --length 60 --start 2026-11-03T15:00:00Z \\
                      --code ABCD-EFGH-JKLM-NPQR
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var type: SessionTypeOptions

    @Option(help: "The booking contact's email.")
    var contact: String

    @Option(help: "Start (ISO-8601; zone-less values are read in the contact's zone).")
    var start: TimeArgument

    @Option(help: "The company's maintenance code, for plan bookings.")
    var code: String?

    func run() async throws {
        try await reportingFailures(json: global.json) {
            let context = try AppContext.open(global)
            let sessionType = try type.sessionType(from: context.desk.menu)
            let (company, person) = try loadContact(email: contact, context: context)
            let startInstant = start.instant(in: person.timeZone)
            let request = BookingRequest(
                bookingID: BookingIDs.make(), company: company, contact: person, sessionType: sessionType,
                start: startInstant, maintenanceCode: code)
            let stored = try await context.desk.book(request, actor: context.actor("book"), now: context.now)
                .acceptedOrExit(json: global.json, unchanged: "Nothing was booked.")
            let delivery = try await context.deliver(booking: stored.booking.id)
            try BookingView(stored, contact: person).print(json: global.json, delivery: delivery)
        }
    }
}
