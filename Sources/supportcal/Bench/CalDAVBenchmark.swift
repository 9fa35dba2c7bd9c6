import ArgumentParser
import CalDAV
import Foundation
import ICal

extension BenchCommand {
    struct CalDAV: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "caldav",
            abstract: "Mirror a calendar of N events from a real CalDAV server, then sync 20 changes.",
            discussion: """
                Makes a calendar under --url (a calendar home), fills it with --events events, then measures, with a client of its own:
                  initial mirror      sync-collection + calendar-multiget in batches
                  incremental sync    the same after --changes changes (half edited, a quarter
                                      added, a quarter deleted)
                and prints HTTP requests and wall time for each. The calendar is deleted after.

                The incremental sync must cost requests proportional to the changes, not the calendar; the benchmark fails if it does not.

                Compare with the Python caldav client on the same server:
                  .venv/bin/python Tests/servers/bench_python_caldav.py --url URL \\
                      --user staff --password-file FILE

                With the test servers running (scripts/test-servers.sh start /tmp/srv; source /tmp/srv/env):

                Example: swift run -c release supportcal bench caldav \\
                          --url ${SUPPORTCAL_TEST_RADICALE_URL}staff/ --user staff \\
                          --password-file $SUPPORTCAL_TEST_PASSWORD_FILE
                """
        )

        @Option(help: "The calendar home to make the benchmark calendar in (e.g. http://127.0.0.1:5232/staff/).")
        var url: ServerURL

        @Option(help: "Events in the calendar.")
        var events = 2_000

        @Option(help: "Changes between the initial mirror and the incremental sync.")
        var changes = 20

        @Option(help: "Objects per calendar-multiget REPORT.")
        var batchSize = 100

        @Option(help: "Parallel PUTs while filling the calendar (not measured against anything).")
        var fillConcurrency = 8

        @Flag(help: "Keep the benchmark calendar instead of deleting it.")
        var keep = false

        @OptionGroup var connection: CalDAVConnectionOptions
        @OptionGroup var output: OutputOptions

        struct Phase: Encodable {
            var requests: Int
            var milliseconds: Double
            var bytesReceived: Int
            var objects: Int
        }

        struct Figures: Encodable {
            var server: String
            var events: Int
            var changes: Int
            var batchSize: Int
            var fill: Phase
            var initialMirror: Phase
            var incrementalSync: Phase
        }

        func validate() throws {
            guard events >= changes, changes >= 4 else { throw ValidationError("need --events ≥ --changes ≥ 4") }
        }

        func run() async throws {
            try await reportingFailures(json: output.json) {
                let setup = try client()
                let mirrorClient = try client()
                let calendarURL = setup.calendarURL(named: "bench-\(UUID().uuidString.prefix(8).lowercased())", in: url.url)
                do throws(CalDAVError) {
                    try await setup.makeCalendar(at: calendarURL, displayName: "SupportCal benchmark")
                    try await measure(setup: setup, mirrorClient: mirrorClient, calendarURL: calendarURL)
                } catch {
                    if !keep { try? await setup.delete(calendarURL) }
                    throw error.failure
                }
                // A failed clean-up leaves one calendar behind, not a wrong figure.
                if !keep { try? await setup.delete(calendarURL) }
            }
        }

        private func client() throws -> CalDAVClient {
            try connection.client(for: url.url, multigetBatchSize: batchSize)
        }

        private func measure(setup: CalDAVClient, mirrorClient: CalDAVClient, calendarURL: URL) async throws(CalDAVError) {
            let clock = ContinuousClock()
            let fillStart = clock.now
            let uids = (0..<events).map { "bench-\($0)-\(UUID().uuidString.lowercased())@supportcal.example" }
            try await Self.parallel(0..<events, width: fillConcurrency) { index throws(CalDAVError) in
                _ = try await setup.create(
                    Self.event(uid: uids[index], index: index, summary: "Session"),
                    at: setup.objectURL(named: "\(index).ics", in: calendarURL))
            }
            let fill = Phase(
                requests: setup.metrics.requests - 1, milliseconds: Self.ms(clock.now - fillStart),
                bytesReceived: setup.metrics.bytesReceived, objects: events)

            // Initial mirror with its own client, so its counters hold only this work.
            var mirror = CalendarMirror(calendarURL: calendarURL)
            let initialStart = clock.now
            _ = try await mirror.refresh(using: mirrorClient)
            let initial = Phase(
                requests: mirrorClient.metrics.requests, milliseconds: Self.ms(clock.now - initialStart),
                bytesReceived: mirrorClient.metrics.bytesReceived, objects: mirror.objects.count)
            guard mirror.objects.count == events else {
                throw CalDAVError(
                    code: .malformedResponse, server: CalDAVClient.serverName(calendarURL), request: "mirror",
                    detail: "mirrored \(mirror.objects.count) of \(events) events")
            }

            // The changes, made by the set-up client as a staff member's app would.
            let edits = changes / 2
            let adds = changes / 4
            let deletes = changes - edits - adds
            for index in 0..<edits {
                let url = setup.objectURL(named: "\(index).ics", in: calendarURL)
                let held = try require(mirror.objects[Href(url: url)], calendarURL)
                _ = try await setup.update(
                    Self.event(uid: uids[index], index: index, summary: "Edited"), at: url, ifMatch: try require(held.etag, calendarURL))
            }
            for index in 0..<adds {
                _ = try await setup.create(
                    Self.event(uid: "added-\(index)-\(UUID().uuidString)", index: index, summary: "Added"),
                    at: setup.objectURL(named: "added-\(index).ics", in: calendarURL))
            }
            for index in edits..<(edits + deletes) {
                let url = setup.objectURL(named: "\(index).ics", in: calendarURL)
                try await setup.delete(url, ifMatch: mirror.objects[Href(url: url)]?.etag)
            }

            let before = mirrorClient.metrics
            let incrementalStart = clock.now
            let update = try await mirror.refresh(using: mirrorClient)
            let spent = mirrorClient.metrics.since(before)
            let incremental = Phase(
                requests: spent.requests, milliseconds: Self.ms(clock.now - incrementalStart),
                bytesReceived: spent.bytesReceived, objects: update.changed.count + update.deleted.count)
            // O(changes): one sync-collection plus one multiget per batch of changed objects.
            let bound = 1 + (edits + adds + batchSize - 1) / batchSize
            guard update.changed.count == edits + adds, update.deleted.count == deletes, spent.requests <= bound else {
                throw CalDAVError(
                    code: .malformedResponse, server: CalDAVClient.serverName(calendarURL), request: "incremental sync",
                    detail:
                        "saw \(update.changed.count) changed and \(update.deleted.count) deleted in \(spent.requests) requests; "
                        + "expected \(edits + adds), \(deletes), at most \(bound)"
                )
            }

            let figures = Figures(
                server: CalDAVClient.serverName(calendarURL), events: events, changes: changes, batchSize: batchSize,
                fill: fill, initialMirror: initial, incrementalSync: incremental)
            if output.json {
                do { try JSONOutput.print(figures) } catch {}
                return
            }
            print(
                "SupportCal CalDAV client on \(figures.server): \(events) events (filled with \(fill.requests) PUTs in "
                    + "\(Self.format(fill.milliseconds / 1000)) s), \(changes) changes, multiget batches of \(batchSize)"
            )
            print(
                "  initial mirror:   \(initial.requests) requests  \(Self.format(initial.milliseconds)) ms  "
                    + "(\(initial.bytesReceived / 1024) KiB received)"
            )
            print(
                "  incremental sync: \(incremental.requests) requests  \(Self.format(incremental.milliseconds)) ms  "
                    + "(\(update.changed.count) changed, \(update.deleted.count) deleted)"
            )
        }

        static func event(uid: String, index: Int, summary: String) -> String {
            let day = 1 + index % 28
            let hour = 8 + index % 10
            let date = String(format: "202611%02dT%02d", day, hour)
            return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//SupportCal bench//EN\r\nBEGIN:VEVENT\r\n"
                + "UID:\(uid)\r\nDTSTAMP:20261001T000000Z\r\nDTSTART:\(date)0000Z\r\nDTEND:\(date)4500Z\r\n"
                + "SUMMARY:\(summary) \(index) with Ærø Crating\r\n"
                + "DESCRIPTION:Customer asked about exports\\, pallets\\; and labels.\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        }

        /// Runs `body` for each index, at most `width` at a time.
        static func parallel(
            _ range: Range<Int>, width: Int,
            _ body: @escaping @Sendable (Int) async throws(CalDAVError) -> Void
        ) async throws(CalDAVError) {
            let outcome: CalDAVError? = await withTaskGroup(of: CalDAVError?.self) { group in
                var next = range.lowerBound
                func start() {
                    let index = next
                    next += 1
                    group.addTask {
                        do throws(CalDAVError) {
                            try await body(index)
                            return nil
                        } catch { return error }
                    }
                }
                while next < range.upperBound, next - range.lowerBound < max(1, width) { start() }
                while let finished = await group.next() {
                    if let failure = finished {
                        group.cancelAll()
                        return failure
                    }
                    if next < range.upperBound { start() }
                }
                return nil
            }
            if let outcome { throw outcome }
        }

        static func ms(_ duration: Duration) -> Double {
            Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        }

        static func format(_ value: Double) -> String { String(format: "%.1f", value) }
    }
}

/// Unwraps a value the benchmark's own bookkeeping guarantees, failing with a CalDAV-shaped error.
private func `require`<T>(_ value: T?, _ calendar: URL) throws(CalDAVError) -> T {
    guard let value else {
        throw CalDAVError(
            code: .malformedResponse, server: CalDAVClient.serverName(calendar), request: "bookkeeping",
            detail: "an object the mirror should hold is missing")
    }
    return value
}
