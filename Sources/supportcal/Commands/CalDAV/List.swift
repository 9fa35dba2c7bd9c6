import ArgumentParser
import CalDAV
import Foundation
import ICal

extension CalDAVCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ls",
            abstract: "List the objects in a calendar: href, ETag, UID, summary and start.",
            discussion: """
                Reads the calendar the way SupportCal mirrors it: sync-collection (or an ETag listing where the server lacks it), then \
                calendar-multiget in batches. Objects are sorted by start; ones that do not parse are listed with the reason.

                Example: supportcal caldav ls https://cal.example.com/ana/support/ \\
                          --user ana --tz America/Chicago
                """
        )

        @Argument(help: "The calendar's URL (from `supportcal caldav discover`).")
        var calendar: ServerURL

        @Option(help: "IANA zone for the local start column (default: UTC).", transform: ZoneArgument.parse)
        var tz: ZoneArgument?

        @OptionGroup var connection: CalDAVConnectionOptions
        @OptionGroup var output: OutputOptions

        struct Entry: Encodable {
            var href: String
            var etag: String?
            var uid: String?
            var summary: String?
            var start: Date?
            var allDay: Bool?
            var components: [String]
            var problem: String?
        }

        func run() async throws {
            try await reportingFailures(json: output.json) {
                let client = try connection.client(for: calendar.url)
                var mirror = CalendarMirror(calendarURL: calendar.url)
                do throws(CalDAVError) { _ = try await mirror.refresh(using: client) } catch { throw error.failure }
                let entries = mirror.objects.values.map(Self.entry).sorted {
                    ($0.start ?? .distantFuture, $0.href) < ($1.start ?? .distantFuture, $1.href)
                }
                if output.json {
                    try JSONOutput.print(entries)
                    return
                }
                if entries.isEmpty { print("the calendar is empty") }
                let local = LocalTimeFormat(zone: (tz ?? ZoneArgument()).zone)
                for entry in entries {
                    let when =
                        entry.start.map {
                            entry.allDay == true ? "\($0.formatted(.iso8601.year().month().day())) (all day)" : local.string($0)
                        } ?? "(no start)"
                    print("\(when)  \(entry.summary ?? entry.problem ?? "(no summary)")")
                    print("    uid \(entry.uid ?? "-")  etag \(entry.etag ?? "-")  \(entry.href)")
                }
                print("\(entries.count) object\(entries.count == 1 ? "" : "s")\(mirror.syncToken.map { ", sync token \($0)" } ?? "")")
            }
        }

        static func entry(_ object: CalendarObject) -> Entry {
            var entry = Entry(href: object.href.raw, etag: object.etag?.value, components: [])
            do {
                let document = try object.document()
                entry.components = document.componentNames.filter { $0 != "VTIMEZONE" }
                // The master (not an override) describes a recurring series.
                let events = document.events
                if let event = events.first(where: { $0.recurrenceID == nil }) ?? events.first {
                    entry.uid = event.uid
                    entry.summary = event.summary
                    entry.start = event.start?.instant
                    entry.allDay = event.start?.isDate
                }
            } catch {
                entry.problem = "unreadable: \(error)"
            }
            return entry
        }
    }
}
