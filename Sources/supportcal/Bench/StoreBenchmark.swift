import ArgumentParser
import Config
import Foundation
import Operations
import Scheduling
import Store
import UseCases

extension BenchCommand {
    struct StoreBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "store",
            abstract: "Slot listing from the store (5 staff, 60 days, 2,000 bookings) and booking throughput.",
            discussion: """
                Builds a throwaway installation in a temporary folder, fills the store, then times the slot query (store read + slot \
                finding, no calendars touched) and bookings made one after another by one process and by 4 processes at once.

                Example: swift run -c release supportcal bench store
                """
        )

        @Option(help: "Bookings already in the store.") var bookings = 2_000
        @Option(help: "Timed slot queries.") var queries = 20
        @Option(help: "Bookings each booking process makes.") var perProcess = 100

        func run() async throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("supportcal-bench-\(UUID().uuidString.prefix(8))")
            defer { try? FileManager.default.removeItem(at: folder) }
            let config = try StoreBenchmark.writeConfiguration(in: folder)
            let (configuration, store) = try StoreBenchmark.open(config)
            let staff = configuration.staff.map(\.staff)
            let windowStart = try Date("2027-03-01T00:00:00Z", strategy: .iso8601)
            let seeded = try StoreBenchmark.seed(store: store, staff: staff, count: bookings, from: windowStart)
            print("store: \(seeded) bookings over 60 days for \(staff.count) staff")

            let window = TimeRange(start: windowStart, end: windowStart.addingTimeInterval(60 * 86_400))
            let type = SessionType(.liveSession, minutes: 60)
            var slotCount = 0
            let latency = try ICSBenchmark.median(queries) {
                let availability = try store.read { tx in try tx.availability(staff: staff, window: window) }
                slotCount =
                    SlotFinder(policy: configuration.policy).slots(
                        for: type, in: window, availability: availability, now: windowStart.addingTimeInterval(-86_400)
                    ).count
            }
            // The peer in the same run: the same slot finding on availability already in memory.
            func readAvailability() throws -> Availability { try store.read { tx in try tx.availability(staff: staff, window: window) } }
            let inMemory = try readAvailability()
            let pure = ICSBenchmark.median(queries) {
                _ = SlotFinder(policy: configuration.policy).slots(
                    for: type, in: window, availability: inMemory, now: windowStart.addingTimeInterval(-86_400))
            }
            print(
                "slots over 60 days through the store: \(ICSBenchmark.format(latency)) ms median (\(slotCount) free slots)"
                    + "  = \(String(format: "%.1f", latency / pure))× the same slot finding on availability in memory"
                    + " (\(String(format: "%.2f", pure)) ms)")

            // Booking throughput through the real command path, in separate processes.
            let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
            for processes in [1, 4] {
                let clock = ContinuousClock()
                let elapsed = try clock.measure {
                    let workers = try (0..<processes).map { index -> Process in
                        let process = Process()
                        process.executableURL = URL(fileURLWithPath: binary)
                        process.arguments = [
                            "bench", "book-worker", "--config", config.path, "--worker", "\(index)", "--round", "\(processes)", "--count",
                            "\(perProcess)",
                        ]
                        try process.run()
                        return process
                    }
                    for worker in workers { worker.waitUntilExit() }
                }
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                let made = processes * perProcess
                print(
                    "book: \(processes) process\(processes == 1 ? "" : "es") × \(perProcess) bookings in "
                        + "\(String(format: "%.2f", seconds)) s = \(Int(Double(made) / seconds)) bookings/s"
                )
            }
        }
    }

    /// Books `--count` sessions in a row through BookingDesk, as `supportcal book` does.
    struct BookWorker: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "book-worker", abstract: "Used by `bench store`.", shouldDisplay: false)
        @Option var config: String
        @Option var worker: Int
        @Option var round: Int
        @Option var count: Int

        func run() async throws {
            let configuration = try SupportCalConfiguration.load(from: URL(fileURLWithPath: config))
            let store = try SupportStore(path: configuration.databasePath.path, logger: BenchLogger.quiet)
            let desk = BookingDesk(
                store: store, policy: configuration.policy, feeSchedule: configuration.feeSchedule,
                staff: configuration.staff.map(\.staff), hasher: PBKDF2CodeHasher())
            let (company, contact) = try StoreBenchmark.benchContact(store)
            // Each worker books its own hours, in 2028 where the seed left the calendars empty.
            let base = try Date("2028-01-03T14:00:00Z", strategy: .iso8601)
            for index in 0..<count {
                let slot = index * round + worker
                let day = slot / 40
                let hour = slot % 40
                let start = base.addingTimeInterval(
                    TimeInterval(day) * 7 * 86_400 + TimeInterval(hour / 8) * 86_400 + TimeInterval(hour % 8) * 3600)
                let request = BookingRequest(
                    bookingID: BookingIDs.make(), company: company, contact: contact,
                    sessionType: SessionType(.liveSession, minutes: 60), start: start)
                _ = try desk.book(request, actor: .init("bench", via: "bench"), now: base.addingTimeInterval(-30 * 86_400))
            }
        }
    }
}

enum StoreBenchmark {
    /// The throwaway installation's configuration and its store, staff mirrored in.
    static func open(_ config: URL) throws -> (SupportCalConfiguration, SupportStore) {
        let configuration = try SupportCalConfiguration.load(from: config)
        let store = try SupportStore(path: configuration.databasePath.path, logger: BenchLogger.quiet)
        try mirror(store: store, configuration: configuration)
        return (configuration, store)
    }

    static func mirror(store: SupportStore, configuration: SupportCalConfiguration) throws {
        try store.write { tx in try tx.mirrorStaff(configuration.staff.map { StaffProfile($0.staff, email: $0.email) }) }
    }

    static func benchContact(_ store: SupportStore) throws -> (Company, Contact) {
        try store.read { tx in
            let contact = try tx.requireContact("bench0")
            return (try tx.requireCompany(contact.companyID), contact)
        }
    }

    static let weekdays =
        #"{ mon = ["09:00-17:00"], tue = ["09:00-17:00"], wed = ["09:00-17:00"], thu = ["09:00-17:00"], fri = ["09:00-17:00"] }"#

    /// A throwaway installation: one staff member per zone in `staffZones`, all working `hours`.
    static func writeConfiguration(
        in folder: URL, vendorZone: String = "America/Chicago",
        staffZones: [String] = ["America/Chicago", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Sydney"],
        hours: String = weekdays
    ) throws -> URL {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var toml = """
            data_directory = "data"
            vendor_time_zone = "\(vendorZone)"
            [[session_kinds]]
            kind = "live-session"
            lengths = [60]
            [[fee_schedule]]
            version = "bench"
            effective_from = "2020-01-01"
            fees = { "live-session/60" = "100.00" }

            """
        for (index, zone) in staffZones.enumerated() {
            toml += """
                [[staff]]
                key = "s\(index)"
                name = "Staff \(index)"
                email = "s\(index)@vendor.example"
                time_zone = "\(zone)"
                hours = \(hours)

                """
        }
        let file = folder.appendingPathComponent("supportcal.toml")
        try Data(toml.utf8).write(to: file)
        return file
    }

    /// Fills the store with bookings spread over the staff's working hours.
    static func seed(store: SupportStore, staff: [Staff], count: Int, from start: Date) throws -> Int {
        try store.write { tx in
            try tx.insert(Company(id: "bench", name: "Bench Crating"))
            try tx.insert(
                Contact(
                    id: "bench0", companyID: "bench", name: "Bench", email: "bench0@bench.example", timeZone: TimeZone(identifier: "UTC")!))
            var made = 0
            var slot = 0
            while made < count, slot < count * 20 {
                let member = staff[slot % staff.count]
                let day = (slot / staff.count) % 60
                let hour = 9 + (slot / (staff.count * 60)) % 8
                slot += 1
                let clock = WallClock(member.timeZone)
                let date = clock.localDate(of: start).adding(days: day)
                guard [.monday, .tuesday, .wednesday, .thursday, .friday].contains(date.weekday),
                    let time = try? TimeOfDay(hour: hour)
                else { continue }
                let begin = clock.instant(date, time)
                let booking = Booking(
                    id: BookingIDs.make(), companyID: "bench", contactID: "bench0", sessionType: SessionType(.liveSession, minutes: 60),
                    start: begin, staff: member.key, charge: Charge(basis: .feeSchedule, amount: .usd(100)),
                    bookedAt: start.addingTimeInterval(-86_400))
                try tx.insert(booking)
                made += 1
            }
            return made
        }
    }
}
