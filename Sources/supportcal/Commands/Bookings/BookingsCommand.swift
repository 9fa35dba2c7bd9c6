import ArgumentParser
import Foundation
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
            discussion: "Example: supportcal bookings list --from 2026-11-01 --to 2026-12-01 --status confirmed"
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "Starting at or after (date or date-time, UTC).") var from: TimeArgument?
        @Option(help: "Starting before.") var to: TimeArgument?
        @Option(help: "Only this status: \(Booking.Status.allCases.map(\.rawValue).joined(separator: ", ")).") var status: String?

        func run() async throws {
            try await reportingFailures {
                let context = try AppContext.open(global)
                var statuses: Set<Booking.Status>?
                if let status {
                    guard let parsed = Booking.Status(rawValue: status) else {
                        throw CommandFailure(message: "--status \(status): use one of \(Booking.Status.allCases.map(\.rawValue).joined(separator: ", "))", exitCode: ExitStatus.usage)
                    }
                    statuses = [parsed]
                }
                let utc = TimeZone(identifier: "UTC")!
                let query = BookingQuery(startingFrom: from?.instant(in: utc), startingBefore: to?.instant(in: utc), statuses: statuses)
                let views = try context.store.read { tx in
                    try tx.bookings(query).map { BookingView($0, contact: try tx.requireContact($0.contactID), company: try tx.requireCompany($0.companyID)) }
                }
                if global.json { try JSONOutput.print(views); return }
                if views.isEmpty { print("no bookings match") }
                for view in views {
                    print("\(view.id)  \(view.start.formatted(.iso8601))  \(view.status)  \(view.minutes)-minute \(view.kind)  \(view.staff)  \(view.contact)")
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one booking with its calendar and email deliveries.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The booking id.") var id: String

        func run() async throws {
            try await reportingFailures {
                let context = try AppContext.open(global)
                let (booking, company, contact) = try loadBooking(id, context: context)
                let items = try context.store.read { tx in try tx.outboxItems(bookingID: booking.id) }
                if global.json {
                    struct Detail: Encodable { var booking: BookingView; var outbox: [String] }
                    try JSONOutput.print(Detail(booking: BookingView(booking, contact: contact, company: company),
                                                outbox: items.map { "\($0.kind.rawValue) \($0.status.rawValue) \($0.dedupeKey)" }))
                    return
                }
                try BookingView(booking, contact: contact, company: company).print(json: false)
                for item in items {
                    let due = " due \(item.nextAttemptAt.formatted(.iso8601))"
                    print("  outbox: \(item.kind.rawValue) to \(item.target): \(item.status.rawValue)\(item.status == .pending ? due : "")\(item.lastError.map { " (\($0))" } ?? "")")
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
        try await reportingFailures {
            let context = try AppContext.open(global)
            let query = AuditQuery(bookingID: booking.map { BookingID($0) }, companyID: company.map { CompanyID($0) }, limit: limit)
            let entries = try context.store.read { tx in try tx.auditEntries(query) }.map {
                Entry(at: $0.record.at, actor: $0.record.actor, action: $0.record.action, booking: $0.record.bookingID?.rawValue,
                      company: $0.record.companyID?.rawValue, via: $0.record.via, details: $0.record.details)
            }
            if global.json { try JSONOutput.print(entries); return }
            if entries.isEmpty { print("no audit entries match") }
            for entry in entries {
                let details = entry.details.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
                print("\(entry.at.formatted(.iso8601))  \(entry.action)  \(entry.booking ?? entry.company ?? "")  by \(entry.actor) via \(entry.via)  \(details)")
            }
        }
    }
}
