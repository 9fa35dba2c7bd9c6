import ArgumentParser
import CalDAV
import Foundation
import ICal

extension CalDAVCommand {
    struct FreeBusy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "freebusy",
            abstract: "Print the busy time a calendar's server reports for a window, merged.",
            discussion: """
                Sends a free-busy-query (RFC 4791) and merges the periods the server returns (Radicale gives one per occurrence), so the result is what SupportCal treats as unavailable. Times are printed in UTC and in --tz.

                Example: supportcal caldav freebusy https://cal.example.com/ana/support/ \\
                          --user ana --from 2026-11-02 --to 2026-11-09 --tz America/Chicago
                """
        )

        @Argument(help: "The calendar's URL (from `supportcal caldav discover`).")
        var calendar: ServerURL

        @Option(help: "Start of the window: an ISO-8601 date or date-time (zone-less values are read in --tz).")
        var from: TimeArgument

        @Option(help: "End of the window (exclusive).")
        var to: TimeArgument

        @Option(help: "IANA zone for zone-less --from/--to and for the local column (default: UTC).", transform: ZoneArgument.parse)
        var tz: ZoneArgument?

        private var zone: ZoneArgument { tz ?? ZoneArgument() }

        @OptionGroup var connection: CalDAVConnectionOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard from.instant(in: zone.zone) < to.instant(in: zone.zone) else {
                throw ValidationError("--from must be before --to")
            }
        }

        func run() async throws {
            try await reportingFailures(json: output.json) {
                let client = try connection.client(for: calendar.url)
                let intervals: [BusyInterval]
                do throws(CalDAVError) {
                    intervals = try await client.freeBusy(
                        in: calendar.url, from: from.instant(in: zone.zone), to: to.instant(in: zone.zone))
                } catch {
                    throw error.failure
                }
                if output.json {
                    try JSONOutput.print(intervals)
                    return
                }
                if intervals.isEmpty { print("no busy time in the window") }
                let local = LocalTimeFormat(zone: zone.zone)
                for interval in intervals {
                    let minutes = Int(interval.end.timeIntervalSince(interval.start) / 60)
                    print(
                        "\(interval.start.formatted(.iso8601))  \(interval.end.formatted(.iso8601))  \(local.range(interval.start, interval.end))  (\(minutes) min)"
                    )
                }
            }
        }
    }
}
