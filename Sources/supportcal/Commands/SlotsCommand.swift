import ArgumentParser
import Foundation
import Operations
import Scheduling

struct SlotsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slots",
        abstract: "List the free slots for a kind of session.",
        discussion: """
            Slots come from staff working hours minus their calendars' busy time and existing bookings, starting no sooner than the \
            minimum notice. Each is shown in UTC and in the contact's zone (--contact) or the vendor's.

            Example: supportcal slots --kind live-session --length 60 --from 2026-11-02 \\
                      --days 5 --contact eve@orsted.example
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var type: SessionTypeOptions

    @Option(help: "First day (a date or date-time; default: now).")
    var from: TimeArgument?

    @Option(help: "How many days to look ahead (\(SlotWindow.days.lowerBound)–\(SlotWindow.days.upperBound), as for the API).")
    var days = SlotWindow.defaultDays

    @Option(help: "Show times in this contact's zone.")
    var contact: String?

    func validate() throws {
        guard SlotWindow.days.contains(days) else { throw ValidationError(SlotWindow.outOfRange("--days")) }
    }

    func run() async throws {
        try await reportingFailures(json: global.json) {
            let context = try AppContext.open(global)
            let sessionType = try type.sessionType(from: context.desk.menu)
            var zone = context.policy.vendorTimeZone
            if let email = contact {
                zone = try loadContact(email: email, context: context).1.timeZone
            }
            let start = from?.instant(in: zone) ?? context.now
            let window = TimeRange(start: start, end: start.addingTimeInterval(TimeInterval(days) * 86_400))
            let slots = try await context.desk.slots(sessionType, in: window, now: context.now)
            let answer = SlotsJSON(sessionType, slots: slots, zone: zone)
            let rows = answer.slots
            if global.json {
                try JSONOutput.print(answer)
                return
            }
            if rows.isEmpty {
                print("no free \(sessionType) slots in the window")
                return
            }
            print("\(rows.count) free \(sessionType) slot\(rows.count == 1 ? "" : "s"), times in \(zone.identifier):")
            for row in rows {
                print("\(row.start.formatted(.iso8601))  \(row.local)  (\(row.staff.joined(separator: ", ")))")
            }
        }
    }
}
