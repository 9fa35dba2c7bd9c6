import ArgumentParser
import CalDAV
import Foundation
import ICal
import Sync

extension CalDAVCommand {
    struct FreeBusy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "freebusy",
            abstract: "Print the busy time SupportCal computes for a calendar and window, as sync does.",
            discussion: """
                Reads the calendar's events for the window (calendar-query) and expands them here, with libical, exactly as `supportcal \
                sync` computes staff busy time: recurring events, moved and cancelled occurrences, all-day events, TENTATIVE counted, \
                TRANSPARENT and SupportCal's own bookings left out. Times are printed in UTC and in --tz, which is also the zone of \
                floating times. With --server, the server's own free-busy-query answer (RFC 4791) is printed beside it, merged, and any \
                difference is named: servers expand differently (Radicale reads a TZID without its VTIMEZONE as UTC), and only the \
                computed time is what SupportCal treats as unavailable.

                Example: supportcal caldav freebusy https://cal.example.com/ana/support/ \\
                          --user ana --from 2026-11-02 --to 2026-11-09 \\
                          --tz America/Chicago --server
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

        @Flag(help: "Also print the server's own free-busy-query answer, and whether it differs.")
        var server = false

        @OptionGroup var connection: CalDAVConnectionOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard from.instant(in: zone.zone) < to.instant(in: zone.zone) else {
                throw ValidationError("--from must be before --to")
            }
        }

        struct Answer: Encodable {
            var busy: [BusyInterval]
            var unreadable: [Unreadable]
            /// With --server: the server's free-busy-query answer, and whether it differs.
            var server: [BusyInterval]?
            var differs: Bool?
        }

        struct Unreadable: Encodable {
            var name: String
            var reason: String
        }

        func run() async throws {
            try await reportingFailures(json: output.json) {
                let client = try connection.client(for: calendar.url)
                let (start, end) = (from.instant(in: zone.zone), to.instant(in: zone.zone))
                let report: BusyReport
                do throws(CalendarError) {
                    report = try await CalDAVCalendar(client: client, calendarURL: calendar.url)
                        .busy(from: start, to: end, floatingTimeZone: zone.identifier)
                } catch {
                    throw CommandFailure(message: error.description)
                }
                var answer = Answer(
                    busy: report.intervals, unreadable: report.unreadable.map { Unreadable(name: $0.name, reason: $0.reason) })
                if server {
                    do throws(CalDAVError) {
                        let reported = BusyInterval.merged(try await client.freeBusy(in: calendar.url, from: start, to: end))
                        answer.server = reported
                        answer.differs = reported != report.intervals
                    } catch {
                        throw error.failure
                    }
                }
                if output.json {
                    try JSONOutput.print(answer)
                    return
                }
                if server { print("computed by SupportCal (what sync treats as busy):") }
                printRows(answer.busy)
                for object in answer.unreadable { print("unreadable, skipped: \(object.name): \(object.reason)") }
                if let reported = answer.server {
                    print("the server's free-busy-query answer:")
                    printRows(reported)
                    print(answer.differs == true ? "they differ: only the computed time above counts" : "they agree")
                }
            }
        }

        private func printRows(_ intervals: [BusyInterval]) {
            if intervals.isEmpty { print("no busy time in the window") }
            let local = LocalTimeFormat(zone: zone.zone)
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
