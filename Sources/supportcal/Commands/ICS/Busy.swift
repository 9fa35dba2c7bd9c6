import ArgumentParser
import Foundation
import ICal
import Scheduling

extension ICSCommand {
    struct Busy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the busy time an iCalendar file marks inside a window.",
            discussion: """
                Expands recurring events (RRULE, RDATE, EXDATE and moved occurrences), skips cancelled and transparent events, reads \
                VFREEBUSY periods, and prints the merged busy intervals in UTC (and in --tz).

                Floating times and all-day events mean local time: --tz says whose.

                Example: supportcal ics busy staff.ics --from 2026-11-02 --to 2026-11-09 \\
                          --tz America/Chicago
                """
        )

        @Argument(help: "The iCalendar file ('-' reads standard input).")
        var file: String

        @Option(help: "Start of the window: an ISO-8601 date or date-time (zone-less values are read in --tz).")
        var from: TimeArgument

        @Option(help: "End of the window (exclusive).")
        var to: TimeArgument

        @Option(
            help: "IANA zone for floating times and all-day events, and for the local column (default: UTC).", transform: ZoneArgument.parse
        )
        var tz: ZoneArgument?

        @OptionGroup var output: OutputOptions

        func validate() throws {
            let zone = (tz ?? ZoneArgument()).zone
            guard from.instant(in: zone) < to.instant(in: zone) else {
                throw ValidationError("--from must be before --to")
            }
        }

        func run() async throws {
            try await reportingFailures(json: output.json) {
                let zone = (tz ?? ZoneArgument()).zone
                let text: String
                do { text = try readText(file) } catch {
                    throw CommandFailure(message: "\(file): cannot read the file: \(error.localizedDescription)")
                }
                let intervals: [BusyInterval]
                do {
                    let document = try ICalDocument(parsing: text)
                    intervals = try document.busyIntervals(
                        from: from.instant(in: zone), to: to.instant(in: zone), floatingTimeZone: (tz ?? ZoneArgument()).identifier)
                } catch {
                    throw CommandFailure(message: "\(file): \(error)")
                }
                if output.json {
                    try JSONOutput.print(intervals)
                    return
                }
                if intervals.isEmpty { print("no busy time in the window") }
                let local = LocalTimeFormat(zone: zone)
                for interval in intervals {
                    let minutes = Int(interval.end.timeIntervalSince(interval.start) / 60)
                    print(
                        "\(interval.start.formatted(.iso8601))  \(interval.end.formatted(.iso8601))  "
                            + "\(local.range(interval.start, interval.end))  (\(minutes) min)"
                    )
                }
            }
        }
    }
}

/// Wall-clock text in one zone, in the words the API and every `local` field use
/// (`CustomerTime`): "4:00 PM UTC+1 (Europe/Copenhagen) on Wednesday, 2 December 2026".
struct LocalTimeFormat {
    let zone: TimeZone

    func string(_ date: Date) -> String { CustomerTime.describe(date, in: zone) }

    /// "4:00 PM – 5:00 PM UTC+1 (Europe/Copenhagen) on Wednesday, 2 December 2026"; both
    /// ends in full when the range crosses midnight there.
    func range(_ start: Date, _ end: Date) -> String {
        let clock = WallClock(zone)
        guard clock.localDate(of: start) == clock.localDate(of: end.addingTimeInterval(-1)) else {
            return "\(string(start)) – \(string(end))"
        }
        return "\(CustomerTime.clockTime(start, in: zone)) – \(CustomerTime.clockTime(end, in: zone)) "
            + "\(CustomerTime.zoneLabel(start, in: zone)) on \(CustomerTime.dateText(start, in: zone))"
    }
}
