import ArgumentParser
import Foundation
import ICal

extension ICSCommand {
    struct Busy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the busy time an iCalendar file marks inside a window.",
            discussion: """
            Expands recurring events (RRULE, RDATE, EXDATE and moved occurrences), skips
            cancelled and transparent events, reads VFREEBUSY periods, and prints the
            merged busy intervals in UTC (and in --tz).

            Floating times and all-day events mean local time: --tz says whose.

            Example: supportcal ics busy staff.ics --from 2026-11-02 --to 2026-11-09 --tz America/Chicago
            """
        )

        @Argument(help: "The iCalendar file ('-' reads standard input).")
        var file: String

        @Option(help: "Start of the window: an ISO-8601 date or date-time (zone-less values are read in --tz).")
        var from: TimeArgument

        @Option(help: "End of the window (exclusive).")
        var to: TimeArgument

        @Option(help: "IANA zone for floating times and all-day events, and for the local column.")
        var tz: ZoneArgument = ZoneArgument()

        @OptionGroup var output: OutputOptions

        func validate() throws {
            let zone = tz.zone
            guard from.instant(in: zone) < to.instant(in: zone) else {
                throw ValidationError("--from must be before --to")
            }
        }

        func run() async throws {
            try await reportingFailures {
                let zone = tz.zone
                let text: String
                do { text = try readText(file) } catch {
                    throw CommandFailure(message: "\(file): cannot read the file: \(error.localizedDescription)")
                }
                let intervals: [BusyInterval]
                do {
                    let document = try ICalDocument(parsing: text)
                    intervals = try document.busyIntervals(from: from.instant(in: zone), to: to.instant(in: zone), floatingTimeZone: tz.identifier)
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
                    print("\(interval.start.formatted(.iso8601))  \(interval.end.formatted(.iso8601))  \(local.range(interval.start, interval.end))  (\(minutes) min)")
                }
            }
        }
    }
}

/// Wall-clock rendering in one zone, for people reading the output.
struct LocalTimeFormat {
    let zone: TimeZone
    private let formatter: DateFormatter

    init(zone: TimeZone) {
        self.zone = zone
        formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "EEE yyyy-MM-dd HH:mm zzz"
    }

    func string(_ date: Date) -> String { formatter.string(from: date) }

    func range(_ start: Date, _ end: Date) -> String { "\(string(start)) – \(string(end))" }
}
