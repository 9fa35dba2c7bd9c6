import ArgumentParser
import Foundation
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

        struct Row: Encodable { var staff: String; var start: Date; var end: Date; var minutes: Int; var local: String }

        func run() async throws {
            try await reportingFailures {
                let context = try AppContext.open(global)
                let (company, person) = try loadContact(email: contact, context: context)
                try await context.refreshBusy(from: context.now.addingTimeInterval(-3600), to: context.now.addingTimeInterval(2 * 86_400))
                let openings = try context.desk.emergencyOpenings(for: company, contact: person, now: context.now).acceptedOrExit(json: global.json)
                let local = LocalTimeFormat(zone: person.timeZone)
                let rows = openings.map { Row(staff: $0.staff.rawValue, start: $0.start, end: $0.end, minutes: Int($0.duration / 60), local: local.range($0.start, $0.end)) }
                if global.json { try JSONOutput.print(rows); return }
                if rows.isEmpty { print("no openings left today") }
                for row in rows { print("\(row.staff)  \(row.start.formatted(.iso8601))  \(row.local)  (\(row.minutes) min free)") }
            }
        }
    }

    struct Place: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Place a contact's company in an opening; they are emailed the exact time at once.",
            discussion: "Example: supportcal emergency place --contact eve@orsted.example --start 2026-11-03T19:15:00Z --staff dana"
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "The contact.") var contact: String
        @Option(help: "Start (ISO-8601).") var start: TimeArgument
        @Option(help: "The staff member whose opening it is.") var staff: String
        @Option(help: "live-session or phone-support.") var kind = "phone-support"
        @Option(help: "Length in minutes.") var length = 30

        func run() async throws {
            try await reportingFailures {
                let context = try AppContext.open(global)
                guard let sessionKind = SessionKind(rawValue: kind) else {
                    throw CommandFailure(message: "--kind \(kind): use live-session or phone-support", exitCode: ExitStatus.usage)
                }
                let (company, person) = try loadContact(email: contact, context: context)
                try await context.refreshBusy(from: context.now.addingTimeInterval(-3600), to: context.now.addingTimeInterval(2 * 86_400))
                let stored = try context.desk.placeEmergency(company: company, contact: person, type: SessionType(sessionKind, minutes: length),
                                                             start: start.instant(in: person.timeZone), staff: StaffKey(staff),
                                                             actor: context.actor("emergency place"), now: context.now).acceptedOrExit(json: global.json)
                let delivery = try await OutboxDeliverer(context: context).deliverDue(bookingID: stored.booking.id)
                try BookingView(stored.booking, contact: person, company: company).print(json: global.json, delivery: delivery)
            }
        }
    }
    struct Decline: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record that the customer cannot make an emergency placement: the opening is released.",
            discussion: """
            For a customer who says so by phone; the decline link in their email and a DECLINED
            calendar reply (`mail ingest`) do the same. Possible until the session starts.

            Example: supportcal emergency decline b-7k2m9q4xz1
            """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The booking id of the placement.") var id: String

        func run() async throws {
            try await reportingFailures {
                let context = try AppContext.open(global)
                let (_, company, contact) = try loadBooking(id, context: context)
                let decision = try context.desk.declineEmergency(BookingID(id), actor: context.actor("emergency decline"), now: context.now)
                try await report(decision, company: company, contact: contact, context: context, json: global.json)
            }
        }
    }
}

struct CallbacksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "callbacks",
        abstract: "Return calls: one attempt of at most 10 minutes, in a gap between sessions.",
        subcommands: [Request.self, Attempt.self]
    )

    struct Request: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Plan a return call for a contact who called outside a session.",
            discussion: "Example: supportcal callbacks request --contact eve@orsted.example --note \"export fails\""
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "The contact to call back.") var contact: String
        @Option(help: "What it is about.") var note: String?

        func run() async throws {
            try await reportingFailures {
                let context = try AppContext.open(global)
                let (company, person) = try loadContact(email: contact, context: context)
                try await context.refreshBusy(from: context.now.addingTimeInterval(-3600), to: context.now.addingTimeInterval(2 * 86_400))
                let record = try context.desk.requestReturnCall(company: company, contact: person, note: note, actor: context.actor("callbacks request"), now: context.now)
                    .acceptedOrExit(json: global.json)
                if global.json {
                    struct Planned: Encodable { var id: String; var staff: String; var start: Date; var end: Date }
                    try JSONOutput.print(Planned(id: record.id, staff: record.staff.rawValue, start: record.start, end: record.end))
                } else {
                    print("\(record.id): \(record.staff.rawValue) calls \(person.name) at \(LocalTimeFormat(zone: person.timeZone).range(record.start, record.end))")
                }
            }
        }
    }

    enum OutcomeArgument: String, ExpressibleByArgument, CaseIterable { case reached, unreached }

    struct Attempt: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record how the one return-call attempt went.",
            discussion: """
            Reached within the limit (--minutes ≤ 10): done. Not reached, or the matter needs
            longer: the customer is asked to book a session (exit 0; the reason is printed).

            Example: supportcal callbacks attempt rc-4f2a9c --outcome reached --minutes 8
            """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The return call id.") var id: String
        @Option(help: "reached or unreached.") var outcome: OutcomeArgument
        @Option(help: "How long the matter needs, in minutes (reached only).") var minutes: Int?

        func run() async throws {
            try await reportingFailures {
                let context = try AppContext.open(global)
                let limit = Int(context.policy.returnCallMaxLength / 60)
                let result: ReturnCallOutcome = outcome == .unreached ? .notReached : ((minutes ?? 0) > limit ? .needsMoreTime : .resolved)
                let (_, resolution): (ReturnCallRecord, ReturnCallResolution)
                do {
                    (_, resolution) = try context.desk.recordReturnCall(id, outcome: result, actor: context.actor("callbacks attempt"), now: context.now)
                } catch let error as StoreError {
                    throw CommandFailure(message: "\(id): \(error.message)")
                }
                struct Result: Encodable { var outcome: String; var mustBook: Bool; var reason: String? }
                let view: Result
                switch resolution {
                case .done: view = Result(outcome: result.rawValue, mustBook: false, reason: nil)
                case .mustBookSession(let reason): view = Result(outcome: result.rawValue, mustBook: true, reason: reason)
                }
                if global.json { try JSONOutput.print(view); return }
                print(view.mustBook ? "the customer must book a session: \(view.reason ?? "")" : "done: the matter was settled on the call")
            }
        }
    }
}
