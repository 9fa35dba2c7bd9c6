import ArgumentParser
import Foundation
import Operations
import Scheduling
import Store

struct EmergencyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emergency",
        abstract: "Emergency sessions for companies with active maintenance.",
        subcommands: [Openings.self, Place.self, Decline.self]
    )

    struct Openings: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Today's earliest openings across all staff (shorter gaps than normal slots count).",
            discussion: "Example: supportcal emergency openings --contact eve@orsted.example"
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "The contact asking (their company must have active maintenance).") var contact: String

        func run() async throws {
            try await reportingFailures(json: global.json) {
                let context = try AppContext.open(global)
                let (company, person) = try loadContact(email: contact, context: context)
                let openings = try await context.desk.emergencyOpenings(for: company, contact: person, now: context.now)
                    .acceptedOrExit(json: global.json, unchanged: "No openings are offered.")
                let rows = openings.map { OpeningJSON($0, zone: person.timeZone) }
                if global.json {
                    try JSONOutput.print(rows)
                    return
                }
                if rows.isEmpty { print("no openings left today") }
                for row in rows { print("\(row.staff)  \(row.start.formatted(.iso8601))  \(row.local)  (\(row.minutes) min free)") }
            }
        }
    }

    struct Place: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Place a contact's company in an opening; they are emailed the exact time at once.",
            discussion: """
                The start must fall inside a current opening of that staff member (see emergency openings); a staff key that is not in \
                the configuration is a usage error (exit 2).

                Example: supportcal emergency place --contact eve@orsted.example \\
                          --start 2026-11-03T19:15:00Z --staff dana
                """
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "The contact.") var contact: String
        @Option(help: "Start (ISO-8601).") var start: TimeArgument
        @Option(help: "The staff member whose opening it is.") var staff: String
        @Option(help: "live-session or phone-support.") var kind = "phone-support"
        @Option(help: "Length in minutes.") var length = 30

        func run() async throws {
            try await reportingFailures(json: global.json) {
                let context = try AppContext.open(global)
                guard let sessionKind = SessionKind(rawValue: kind) else {
                    throw CommandFailure(message: "--kind \(kind): use live-session or phone-support", exitCode: ExitStatus.usage)
                }
                let (company, person) = try loadContact(email: contact, context: context)
                let stored = try await context.desk.placeEmergency(
                    company: company, contact: person, type: SessionType(sessionKind, minutes: length),
                    start: start.instant(in: person.timeZone), staff: StaffKey(staff),
                    actor: context.actor("emergency place"), now: context.now
                )
                .acceptedOrExit(json: global.json, unchanged: "Nothing was placed.")
                let delivery = try await context.deliver(booking: stored.booking.id)
                try BookingView(stored, contact: person).print(json: global.json, delivery: delivery)
            }
        }
    }
    struct Decline: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record that the customer cannot make an emergency placement: the opening is released.",
            discussion: """
                For a customer who says so by phone; the decline link in their email and a DECLINED calendar reply (`mail ingest`) do the \
                same. Possible until the session starts.

                Example: supportcal emergency decline b-7k2m9q4xz1
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The booking id of the placement.") var id: String

        func run() async throws {
            try await reportingFailures(json: global.json) {
                let context = try AppContext.open(global)
                let (stored, _, contact) = try loadBooking(id, context: context)
                let decision = try await context.desk.declineEmergency(
                    BookingID(id), actor: context.actor("emergency decline"), now: context.now)
                try await report(
                    decision, of: stored, contact: contact, context: context, json: global.json,
                    unchanged: "The placement was not released.")
            }
        }
    }
}

struct CallbacksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "callbacks",
        abstract: "Return calls: one attempt of at most 10 minutes, in a gap between sessions.",
        subcommands: [Request.self, Attempt.self, List.self]
    )

    struct Request: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Plan a return call for a contact who called outside a session.",
            discussion: """
                The call goes into today's first free gap of 10 minutes across staff, and onto that staff member's calendar with the \
                contact's phone number.

                Example: supportcal callbacks request --contact eve@orsted.example \\
                          --note "export fails"
                """
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "The contact to call back.") var contact: String
        @Option(help: "What it is about.") var note: String?

        func run() async throws {
            try await reportingFailures(json: global.json) {
                let context = try AppContext.open(global)
                let (company, person) = try loadContact(email: contact, context: context)
                let record = try await context.desk.requestReturnCall(
                    company: company, contact: person, note: note, actor: context.actor("callbacks request"), now: context.now
                )
                .acceptedOrExit(json: global.json, unchanged: "No return call was planned.")
                try await context.deliver(returnCall: record.id)
                let view = ReturnCallJSON(record, contact: person)
                if global.json {
                    try JSONOutput.print(view)
                    return
                }
                print(
                    "\(record.id): \(record.staff.rawValue) calls \(person.name)\(person.phone.map { " on \($0)" } ?? "") at \(view.local)")
            }
        }
    }

    struct Attempt: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record how the one return-call attempt went.",
            discussion: """
                Outcomes (the same words as the API): resolved, the matter was settled on the call; needs-more-time, reached but the \
                matter needs a session; not-reached, nobody answered. After the last two the customer is asked to book a session (exit 0; \
                the reason is printed).

                Example: supportcal callbacks attempt rc-4f2a9c --outcome resolved
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The return call id.") var id: String
        @Option(help: "\(ReturnCallOutcome.allCases.map(\.rawValue).joined(separator: ", ")).") var outcome: ReturnCallOutcome

        func run() async throws {
            try await reportingFailures(json: global.json) {
                let context = try AppContext.open(global)
                let (record, resolution): (ReturnCallRecord, ReturnCallResolution)
                do {
                    (record, resolution) = try await context.desk.recordReturnCall(
                        id, outcome: outcome, actor: context.actor("callbacks attempt"), now: context.now)
                } catch let error as StoreError {
                    throw CommandFailure(error, prefix: id)
                }
                let contact = try await context.desk.contact(record.contactID)
                var next: String?
                if case .mustBookSession(let reason) = resolution { next = reason }
                if global.json {
                    try JSONOutput.print(ReturnCallJSON(record, contact: contact, next: next))
                    return
                }
                print(
                    next.map { "\(outcome.rawValue): the customer must book a session: \($0)" }
                        ?? "resolved: the matter was settled on the call")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List planned return calls with their local times and outcomes.",
            discussion: """
                Each call is shown at its UTC start and in the contact's zone, with the phone number to call and the outcome once \
                recorded. --today is the vendor's current day.

                Example: supportcal callbacks list --today
                """
        )
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Only today's (the vendor's day).") var today = false

        func run() async throws {
            try await reportingFailures(json: global.json) {
                let context = try AppContext.open(global)
                var window: TimeRange?
                if today {
                    let vendor = WallClock(context.policy.vendorTimeZone)
                    window = vendor.day(vendor.localDate(of: context.now))
                }
                let views = try context.store.read { tx in
                    try tx.returnCalls(overlapping: window).map { ReturnCallJSON($0, contact: try tx.requireContact($0.contactID)) }
                }
                if global.json {
                    try JSONOutput.print(views)
                    return
                }
                if views.isEmpty { print("no return calls\(today ? " today" : "")") }
                for view in views {
                    print(
                        "\(view.id)  \(view.start.formatted(.iso8601))  \(view.local)  \(view.staff) calls "
                            + "\(view.contact)\(view.phone.map { " on \($0)" } ?? "")  \(view.outcome ?? "planned")"
                    )
                }
            }
        }
    }
}

extension ReturnCallOutcome: ExpressibleByArgument {}
