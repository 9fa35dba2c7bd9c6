import ArgumentParser
import Foundation
import ICal

extension BenchCommand {
    struct ICS: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ics",
            abstract: "Parse and serialize a generated calendar; expand a year of a weekly event with overrides.",
            discussion: """
                Beside its own figure it times, on the same bytes in the same run, libical called \
                directly from C (Benchmarks/libical-floor.c, compiled with cc) and Python's icalendar \
                (.venv, from scripts/python-env.sh), found from --repository; --no-peers skips them. \
                --save keeps the generated calendar for other parsers.

                Example: swift run -c release supportcal bench ics --events 5000
                """
        )

        @Option(help: "Events in the generated calendar.")
        var events = 5_000

        @Option(help: "Timed runs of each measurement (the median is reported).")
        var runs = 5

        @Option(help: "Write the generated calendar to this file.")
        var save: String?

        @Flag(inversion: .prefixedNo, help: "Time libical from C and Python's icalendar on the same file.")
        var peers = true

        @Option(help: "The repository folder (for Benchmarks/ and .venv).")
        var repository = "."

        @OptionGroup var output: OutputOptions

        struct Figures: Encodable {
            var events: Int
            var bytes: Int
            var parseAndSerializeMilliseconds: Double
            var parsedEventsPerSecond: Double
            var expansionOccurrences: Int
            var expansionMilliseconds: Double
            var libicalFloorMilliseconds: Double?
            var pythonICalendarMilliseconds: Double?
        }

        func run() async throws {
            let text = ICSBenchmark.calendar(events: events)
            let file = save ?? FileManager.default.temporaryDirectory.appendingPathComponent("supportcal-bench-\(events).ics").path
            try text.write(toFile: file, atomically: true, encoding: .utf8)
            defer { if save == nil { try? FileManager.default.removeItem(atPath: file) } }
            // ICalDocument serializes while it parses (its text is the canonical form), so
            // one figure covers both: text in, validated tree, canonical text out.
            var parsedEvents = 0
            let parse = try ICSBenchmark.median(runs) { parsedEvents = try ICalDocument(parsing: text).text.isEmpty ? 0 : events }
            precondition(parsedEvents == events)
            let repository = URL(fileURLWithPath: repository)
            let floor = peers ? ICSPeers.libicalFloor(file: file, runs: runs, repository: repository) : nil
            let python = peers ? ICSPeers.pythonICalendar(file: file, runs: runs, repository: repository) : nil

            let recurring = try ICalDocument(parsing: ICSBenchmark.weeklyWithOverrides())
            var occurrences = 0
            let from = try Date("2026-01-01T00:00:00Z", strategy: .iso8601)
            let expand = try ICSBenchmark.median(runs) {
                occurrences = try recurring.busyIntervals(
                    from: from, to: from.addingTimeInterval(365 * 86_400), floatingTimeZone: "America/Chicago"
                ).count
            }
            let figures = Figures(
                events: events, bytes: text.utf8.count, parseAndSerializeMilliseconds: parse,
                parsedEventsPerSecond: Double(events) / (parse / 1000), expansionOccurrences: occurrences,
                expansionMilliseconds: expand, libicalFloorMilliseconds: try? floor?.get().milliseconds,
                pythonICalendarMilliseconds: try? python?.get().milliseconds)
            if output.json {
                try JSONOutput.print(figures)
                return
            }
            print("calendar: \(events) events, \(text.utf8.count) bytes")
            print("parse + serialize: \(ICSBenchmark.format(parse)) ms  (\(Int(figures.parsedEventsPerSecond)) events/s)")
            if case .success(let figure)? = floor {
                let share = String(format: "%.0f", figure.milliseconds / parse * 100)
                print("  \(figure.name): \(ICSBenchmark.format(figure.milliseconds)) ms  = ours at \(share) % of the floor's speed")
            }
            if case .success(let figure)? = python {
                let times = String(format: "%.1f", figure.milliseconds / parse)
                print("  \(figure.name): \(ICSBenchmark.format(figure.milliseconds)) ms  = ours \(times)× faster")
            }
            for case .failure(let failure)? in [floor, python] { print("  peer not timed: \(failure)") }
            print("expand a year of a weekly event with 20 overrides: \(occurrences) busy intervals in \(ICSBenchmark.format(expand)) ms")
        }
    }
}

enum ICSBenchmark {
    /// A calendar like a busy staff member's: timed events in a zone, some all-day,
    /// some with alarms and X- properties, deterministic so runs compare.
    static func calendar(events: Int) -> String {
        var text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//SupportCal bench//EN\r\n"
        let base = 1_790_812_800  // 2026-10-01T00:00:00Z
        for index in 0..<events {
            let start = base + index * 5_400
            let stamp = Date(timeIntervalSince1970: TimeInterval(start))
            let day = stamp.formatted(.iso8601.year().month().day().dateSeparator(.omitted))
            let time = stamp.formatted(.iso8601.time(includingFractionalSeconds: false).timeSeparator(.omitted))
            text += "BEGIN:VEVENT\r\nUID:bench-\(index)@supportcal.example\r\nDTSTAMP:20261001T000000Z\r\n"
            if index % 10 == 0 {
                text += "DTSTART;VALUE=DATE:\(day)\r\n"
            } else {
                text += "DTSTART;TZID=America/Chicago:\(day)T\(time)\r\nDURATION:PT45M\r\n"
            }
            text += "SUMMARY:Session \(index) with Ærø Crating — review of the crate designer\r\n"
            text += "DESCRIPTION:Customer asked about exports\\, pallets\\; and labels.\\nSecond line.\r\n"
            text += "X-MOZ-GENERATION:\(index)\r\n"
            if index % 4 == 0 {
                text += "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Reminder\r\nTRIGGER:-PT15M\r\nEND:VALARM\r\n"
            }
            text += "END:VEVENT\r\n"
        }
        return text + "END:VCALENDAR\r\n"
    }

    static func weeklyWithOverrides() -> String {
        var text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//SupportCal bench//EN\r\n"
        text +=
            "BEGIN:VEVENT\r\nUID:weekly@bench\r\nDTSTART;TZID=America/Chicago:20260105T090000\r\n"
            + "DTEND;TZID=America/Chicago:20260105T100000\r\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR\r\nEND:VEVENT\r\n"
        // Every other Monday's session moved to the afternoon: 20 overrides.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let firstMonday = DateComponents(calendar: calendar, year: 2026, month: 1, day: 5).date!
        for index in 0..<20 {
            let day = calendar.date(byAdding: .day, value: 14 * index, to: firstMonday)!
            let parts = calendar.dateComponents([.year, .month, .day], from: day)
            let date = String(format: "%04d%02d%02d", parts.year!, parts.month!, parts.day!)
            text += "BEGIN:VEVENT\r\nUID:weekly@bench\r\nRECURRENCE-ID;TZID=America/Chicago:\(date)T090000\r\n"
            text += "DTSTART;TZID=America/Chicago:\(date)T140000\r\nDURATION:PT1H\r\nEND:VEVENT\r\n"
        }
        return text + "END:VCALENDAR\r\n"
    }

    static func median(_ runs: Int, _ body: () throws -> Void) rethrows -> Double {
        var samples: [Double] = []
        for _ in 0..<max(1, runs) {
            let clock = ContinuousClock()
            let elapsed = try clock.measure(body)
            samples.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
        }
        return samples.sorted()[samples.count / 2]
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}
