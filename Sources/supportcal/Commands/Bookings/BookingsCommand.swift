import ArgumentParser
import Foundation
import Operations
import Scheduling
import Store

struct BookingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bookings",
        abstract: "List and inspect bookings.",
        subcommands: [List.self, Show.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List bookings, earliest first.",
            discussion: """
                Each booking is shown at its UTC start and in its contact's zone. --today is the vendor's current day; --staff narrows to \
                one staff member's sessions.

                Example: supportcal bookings list --staff dana --today
                """
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "Starting at or after (date or date-time, UTC).") var from: TimeArgument?
        @Option(help: "Starting before.") var to: TimeArgument?
        @Flag(help: "Only today's (the vendor's day); not with --from/--to.") var today = false
        @Option(help: "Only this staff member's.") var staff: String?
        @Option(help: "Only this status: \(Booking.Status.allCases.map(\.rawValue).joined(separator: ", ")).") var status: String?

        func validate() throws {
            if today, from != nil || to != nil { throw ValidationError("--today is a window of its own: leave out --from and --to") }
        }

        func run() async throws {
            try await reportingFailures(json: global.json) {
                let context = try AppContext.open(global)
                var statuses: Set<Booking.Status>?
                if let status {
                    guard let parsed = Booking.Status(rawValue: status) else {
                        throw CommandFailure(
                            message: "--status \(status): use one of \(Booking.Status.allCases.map(\.rawValue).joined(separator: ", "))",
                            exitCode: ExitStatus.usage)
                    }
                    statuses = [parsed]
                }
                let staffKey = try staff.map { try context.desk.bookings.staffMember(StaffKey($0)).key }
                let utc = TimeZone(identifier: "UTC")!
                var query = BookingQuery(
                    startingFrom: from?.instant(in: utc), startingBefore: to?.instant(in: utc), statuses: statuses, staff: staffKey)
                if today {
                    let vendor = WallClock(context.policy.vendorTimeZone)
                    let day = vendor.day(vendor.localDate(of: context.now))
                    (query.startingFrom, query.startingBefore) = (day.start, day.end)
                }
                let views = try context.store.read { tx in
                    try tx.storedBookings(query).map { BookingView($0, contact: try tx.requireContact($0.booking.contactID)) }
                }
                if global.json {
                    try JSONOutput.print(views.map(\.booking))
                    return
                }
                if views.isEmpty { print("no bookings match") }
                for view in views.map(\.booking) {
                    print(
                        "\(view.id)  \(view.start.formatted(.iso8601))  \(view.local)  \(view.status)  \(view.minutes)-minute "
                            + "\(view.kind)  \(view.staff)  \(view.contact)"
                    )
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one booking with its calendar and email deliveries.",
            discussion: "Example: supportcal bookings show b-7k2m9q4xz1"
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The booking id.") var id: String

        func run() async throws {
            try await reportingFailures(json: global.json) {
                let context = try AppContext.open(global)
                let (stored, _, contact) = try loadBooking(id, context: context)
                let items = try context.store.read { tx in try tx.outboxItems(bookingID: stored.booking.id) }
                if global.json {
                    struct Detail: Encodable {
                        var booking: BookingJSON
                        var outbox: [OutboxEntryJSON]
                    }
                    try JSONOutput.print(Detail(booking: BookingJSON(stored, contact: contact), outbox: items.map(OutboxEntryJSON.init)))
                    return
                }
                try BookingView(stored, contact: contact).print(json: false)
                for item in items {
                    let due = " due \(item.nextAttemptAt.formatted(.iso8601))"
                    print(
                        "  outbox: \(item.kind.rawValue) to \(item.target): "
                            + "\(item.status.rawValue)\(item.status == .pending ? due : "")\(item.lastError.map { " (\($0))" } ?? "")"
                    )
                }
            }
        }
    }
}

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Who did what, when, and through which command or endpoint.",
        discussion: "Example: supportcal audit --booking b-7k2m9q4xz1"
    )
    @OptionGroup var global: GlobalOptions
    @Option(help: "Only this booking's entries.") var booking: String?
    @Option(help: "Only this company's entries.") var company: String?
    @Option(help: "At most this many (the most recent).") var limit = 200

    struct Entry: Encodable {
        var at: Date
        var actor: String
        var action: String
        var booking: String?
        var company: String?
        var via: String
        var details: [String: String]
    }

    func run() async throws {
        try await reportingFailures(json: global.json) {
            let context = try AppContext.open(global)
            let query = AuditQuery(bookingID: booking.map { BookingID($0) }, companyID: company.map { CompanyID($0) }, limit: limit)
            let entries = try context.store.read { tx in try tx.auditEntries(query) }.map {
                Entry(
                    at: $0.record.at, actor: $0.record.actor, action: $0.record.action, booking: $0.record.bookingID?.rawValue,
                    company: $0.record.companyID?.rawValue, via: $0.record.via, details: $0.record.details)
            }
            if global.json {
                try JSONOutput.print(entries)
                return
            }
            if entries.isEmpty { print("no audit entries match") }
            for entry in entries {
                let details = entry.details.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
                print(
                    "\(entry.at.formatted(.iso8601))  \(entry.action)  \(entry.booking ?? entry.company ?? "")  by \(entry.actor) "
                        + "via \(entry.via)  \(details)"
                )
            }
        }
    }
}
