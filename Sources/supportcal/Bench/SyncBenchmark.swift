import ArgumentParser
import CalDAV
import Foundation
import Logging
import Operations
import Scheduling
import Store
import Sync
import UseCases

extension BenchCommand {
    struct SyncBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sync",
            abstract: "The nightly sync against a real CalDAV server: 5 staff calendars × 1,000 events.",
            discussion: """
                Makes --staff calendars under --url (a calendar home), fills each with --events events spread over a year, then runs \
                SupportCal's sync (reconcile + busy refresh) three times with a throwaway store: the first sync, a nightly sync after \
                --changes changes (edits, additions and deletions across the calendars), and a nightly sync with nothing changed. Prints \
                HTTP requests and wall time for each. The calendars are deleted afterwards.

                Example: swift run -c release supportcal bench sync \\
                          --url ${SUPPORTCAL_TEST_RADICALE_URL}staff/ --user staff \\
                          --password-file FILE
                """
        )

        @Option(help: "The calendar home to make the benchmark calendars in.") var url: ServerURL
        @Option(help: "Staff calendars.") var staff = 5
        @Option(help: "Events per calendar.") var events = 1_000
        @Option(help: "Changes between the first and the nightly sync.") var changes = 50
        @Option(help: "Parallel PUTs while filling (not measured).") var fillConcurrency = 8
        @OptionGroup var connection: CalDAVConnectionOptions

        /// Unique across the user's calendars: Cyrus refuses a UID another calendar holds.
        static func uid(_ prefix: String, _ index: Int, _ calendar: Int) -> String { "\(prefix)\(index).c\(calendar)@bench" }

        struct Phase {
            var requests: Int
            var milliseconds: Double
        }

        func run() async throws {
            let setup = try connection.client(for: url.url)
            let run = UUID().uuidString.prefix(6).lowercased()
            let calendars = (0..<staff).map { setup.calendarURL(named: "sync-bench-\(run)-\($0)", in: url.url) }
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("supportcal-syncbench-\(run)")
            defer { try? FileManager.default.removeItem(at: folder) }
            do {
                for calendar in calendars { try await setup.makeCalendar(at: calendar, displayName: "SupportCal sync benchmark") }
                let fillStart = ContinuousClock.now
                for (number, calendar) in calendars.enumerated() {
                    try await BenchCommand.CalDAV.parallel(0..<events, width: fillConcurrency) { index throws(CalDAVError) in
                        _ = try await setup.create(
                            BenchCommand.CalDAV.event(uid: Self.uid("e", index, number), index: index, summary: "Staff event"),
                            at: setup.objectURL(named: "e\(index).ics", in: calendar))
                    }
                }
                print(
                    "filled \(staff) calendars × \(events) events in "
                        + "\(BenchCommand.CalDAV.format(BenchCommand.CalDAV.ms(ContinuousClock.now - fillStart) / 1000)) s"
                )

                let store = try SupportStore(path: folder.appendingPathComponent("bench.sqlite").path, logger: BenchLogger.quiet)
                let members = (0..<staff).map { index in
                    Staff(
                        key: StaffKey("s\(index)"), name: "Staff \(index)", timeZone: TimeZone(identifier: "UTC")!,
                        weeklyHours: try! WeeklyHours.same([TimeOfDayRange("09:00-17:00")!]))
                }
                try await store.write { [members] tx in try tx.mirrorStaff(members.map { StaffProfile($0, email: nil) }) }
                let desk = BookingDesk(
                    store: store, policy: .default, feeSchedule: try FeeSchedule(versions: []), staff: members, hasher: PBKDF2CodeHasher())
                var logger = Logger(label: "bench")
                logger.logLevel = .error
                let reconciler = Reconciler(desk: desk, logger: logger)
                let now = try Date("2026-10-01T00:00:00Z", strategy: .iso8601)

                func syncAll() async throws -> Phase {
                    let start = ContinuousClock.now
                    var requests = 0
                    for (member, calendarURL) in zip(members, calendars) {
                        let client = try connection.client(for: calendarURL)
                        // As the nightly `supportcal sync` does: each delta checked against the listing.
                        let calendar = CalDAVCalendar(client: client, calendarURL: calendarURL, checksDeltasAgainstListing: true)
                        _ = try await reconciler.reconcile(member, calendar: calendar, now: now)
                        _ = try await CalendarBusyRefresh(store: store).refresh(
                            [(member, calendar)], from: now, to: now.addingTimeInterval(60 * 86_400))
                        requests += client.metrics.requests
                    }
                    return Phase(requests: requests, milliseconds: BenchCommand.CalDAV.ms(ContinuousClock.now - start))
                }

                let first = try await syncAll()
                // Changes spread over the calendars: 60% edits, 20% new events, 20% deletions.
                for change in 0..<changes {
                    let number = change % calendars.count
                    let calendar = calendars[number]
                    let index = change / calendars.count
                    switch change % 5 {
                    case 0, 1, 2:
                        _ = try await setup.put(
                            BenchCommand.CalDAV.event(uid: Self.uid("e", index, number), index: index, summary: "Edited event"),
                            at: setup.objectURL(named: "e\(index).ics", in: calendar), condition: .unconditional)
                    case 3:
                        _ = try await setup.create(
                            BenchCommand.CalDAV.event(uid: Self.uid("n", index, number), index: events + index, summary: "New event"),
                            at: setup.objectURL(named: "n\(index).ics", in: calendar))
                    default:
                        try await setup.delete(setup.objectURL(named: "e\(events - 1 - index).ics", in: calendar))
                    }
                }
                let nightly = try await syncAll()
                let quiet = try await syncAll()
                for (name, phase) in [("first sync", first), ("nightly, \(changes) changes", nightly), ("nightly, nothing changed", quiet)]
                {
                    print("\(name): \(phase.requests) HTTP requests, \(BenchCommand.CalDAV.format(phase.milliseconds)) ms")
                }
            } catch {
                for calendar in calendars { try? await setup.delete(calendar) }
                throw CommandFailure(message: "\(error)")
            }
            for calendar in calendars { try? await setup.delete(calendar) }
        }
    }
}
