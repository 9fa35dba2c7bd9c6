import ArgumentParser
import Config
import Curl
import Foundation
import Scheduling
import Store

#if canImport(Glibc)
    import Glibc
#endif

extension BenchCommand {
    struct ServeBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Load-test `supportcal serve` with wrk: GET /api/slots and POST /api/bookings, the store holding 10,000 bookings.",
            discussion: """
                Builds a throwaway installation (20 staff in UTC, 08:00–20:00 every day, vdir calendars, a Maildir), seeds the store, \
                starts `supportcal serve` on a free loopback port, and runs wrk (Debian's `wrk`; `scripts/install-deps.sh --bench`) \
                against it. Reports requests per second and p50/p99 latency. Build with -c release.

                Example: swift run -c release supportcal bench serve --duration 10
                """
        )

        @Option(help: "Bookings already in the store.") var bookings = 10_000
        @Option(help: "Seconds per wrk run.") var duration = 10
        @Option(help: "Concurrent connections.") var connections = 32
        @Option(help: "wrk threads.") var threads = 2
        @Option(help: "Staff members' own events in their calendars, besides one file per booking (0 with --empty-calendars).")
        var ownEvents = 1_000
        @Flag(help: "Leave the staff calendars empty (the small-calendar case).") var emptyCalendars = false

        func run() async throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "supportcal-serve-bench-\(UUID().uuidString.prefix(8))")
            defer { try? FileManager.default.removeItem(at: folder) }
            let config = try Self.writeConfiguration(in: folder)
            let (configuration, store) = try StoreBenchmark.open(config)
            let seeded = try Self.seed(store, staff: configuration.staff.map(\.staff), count: bookings)
            print("store: \(seeded) bookings, \(configuration.staff.count) staff")
            if !emptyCalendars {
                let files = try Self.seedCalendars(store: store, dataDirectory: configuration.dataDirectory, ownEvents: ownEvents)
                print("calendars: \(files) files in \(configuration.staff.count) vdirs")
            }

            let ceiling = try Ceiling.start()
            defer { ceiling?.stop() }
            var peers = Ceiling.Figures()
            if let ceiling {
                peers = try ceiling.measure {
                    try wrk([$0], script: nil, folder: folder)
                } post: { url in
                    let echo = folder.appendingPathComponent("echo.lua")
                    try Data(Self.echoScript.utf8).write(to: echo)
                    return try wrk([url], script: echo, folder: folder)
                }
            } else {
                print("ceiling: not built (swift build -c release --product supportcal-bench-ceiling); ratios left out")
            }

            let port = try Self.freePort()
            let server = try Self.startServer(config: config, port: port)
            defer {
                if server.isRunning {
                    kill(server.processIdentifier, SIGTERM)
                    server.waitUntilExit()
                }
            }
            let base = "http://127.0.0.1:\(port)"
            try Self.waitForHealth(base)
            let slotsURL = "\(base)/api/slots?kind=live-session&length=60&from=2027-03-01T00:00:00Z&days=1"
            let first = try Self.timeOne(slotsURL)
            print("first GET /api/slots (reads every calendar file once): \(ICSBenchmark.format(first)) ms")

            let script = folder.appendingPathComponent("book.lua")
            try Data(Self.bookingScript.utf8).write(to: script)
            let single = try wrk([slotsURL], script: nil, folder: folder, connections: 1, threads: 1, seconds: 3)
            print("single GET /api/slots, one connection:   \(single)")
            let singleBook = try wrk(["\(base)/api/bookings"], script: script, folder: folder, connections: 1, threads: 1, seconds: 3)
            print("single POST /api/bookings, one connection: \(singleBook)")

            let slots = try wrk([slotsURL], script: nil, folder: folder)
            let slotsRatio = Ceiling.ratio(slots, to: peers.hello, "hello-world")
            print("GET /api/slots (1 day, 20 staff), -c\(connections):   \(slots)\(slotsRatio)")
            print("    Hummingbird hello-world, 2 KB: \(peers.hello ?? "–")")
            print("    the same 10 KB slot JSON through JSONEncoder: \(peers.json ?? "–")")
            let booked = try wrk(["\(base)/api/bookings"], script: script, folder: folder)
            let bookedRatio = Ceiling.ratio(booked, to: peers.echo, "echo")
            // The ratio belongs on the figure's line, before any refusal quoted below it.
            let bookedLines = booked.split(separator: "\n", maxSplits: 1).map(String.init)
            print("POST /api/bookings (random hours, 15 Feb–31 Mar 2027), -c\(connections): \(bookedLines[0])\(bookedRatio)")
            if bookedLines.count > 1 { print(bookedLines[1]) }
            print("    Hummingbird POST echo: \(peers.echo ?? "–")")
            let made = try Self.count(store) - seeded
            let overlaps = try Self.overlappingBookings(store)
            print("bookings made by the POST runs: \(made); staff double-booked: \(overlaps) (must be 0)")

            let drain = try drainUnderLoad(server: server, url: "\(base)/api/bookings", script: script)
            print("SIGTERM under -c\(connections) booking load: exited after \(ICSBenchmark.format(drain * 1000)) ms (ceiling 10,000 ms)")
        }

        /// Runs wrk and returns "N req/s, p50 X ms, p99 Y ms" from its latency distribution.
        func wrk(
            _ arguments: [String], script: URL?, folder: URL, connections: Int? = nil, threads: Int? = nil, seconds: Int? = nil
        ) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            var args = [
                "wrk", "-t\(threads ?? self.threads)", "-c\(connections ?? self.connections)", "-d\(seconds ?? duration)s", "--latency",
            ]
            if let script { args += ["-s", script.path] }
            process.arguments = args + arguments
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw CommandFailure(message: "wrk failed (is it installed? scripts/install-deps.sh --bench): \(output)")
            }
            func value(after label: String) -> String {
                output.components(separatedBy: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(label) }?
                    .trimmingCharacters(in: .whitespaces).dropFirst(label.count).trimmingCharacters(in: .whitespaces) ?? "?"
            }
            let errors =
                output.components(separatedBy: "\n").first { $0.contains("Non-2xx") }.map { ", \($0.trimmingCharacters(in: .whitespaces))" }
                ?? ""
            let refusal = output.components(separatedBy: "\n").first { $0.hasPrefix("first refusal:") }.map { "\n    \($0)" } ?? ""
            return "\(value(after: "Requests/sec:")) req/s, p50 \(value(after: "50%")), p99 \(value(after: "99%"))\(errors)\(refusal)"
        }

        /// Each request books a random hour between 15 February and 31 March 2027 (within the
        /// 90-day horizon of the server's `--now`, after the seeded bookings) with a random contact.
        static let bookingScript = """
            math.randomseed(os.time() + math.floor(os.clock() * 1000000))
            wrk.method = "POST"
            wrk.headers["Content-Type"] = "application/json"
            request = function()
              local t = 1802649600 + math.random(0, 44) * 86400 + math.random(8, 19) * 3600
              local body = string.format('{"contact":"bench%d@bench.example","kind":"live-session","length":60,"start":"%s"}',
                                         math.random(0, 999), os.date("!%Y-%m-%dT%H:%M:%SZ", t))
              return wrk.format(nil, nil, nil, body)
            end
            response = function(status, headers, body)
              if status >= 300 and not shown then
                shown = true
                io.write("first refusal: ", status, " ", string.sub(body, 1, 200), "\\n")
              end
            end
            """

        /// 20 staff in UTC working 08:00–20:00 every day.
        static func writeConfiguration(in folder: URL) throws -> URL {
            let day = #"["08:00-20:00"]"#
            return try StoreBenchmark.writeConfiguration(
                in: folder, vendorZone: "UTC", staffZones: Array(repeating: "UTC", count: 20),
                hours: "{ mon = \(day), tue = \(day), wed = \(day), thu = \(day), fri = \(day), sat = \(day), sun = \(day) }")
        }

        /// `count` bookings on distinct staff hours from 2027-01-04, and 1,000 contacts (so racing
        /// bookings rarely meet the one-session-at-a-time rule for a contact).
        static func seed(_ store: SupportStore, staff: [Staff], count: Int, contacts: Int = 1_000) throws -> Int {
            let start = try Date("2027-01-04T08:00:00Z", strategy: .iso8601)
            return try store.write { tx in
                try tx.insert(Company(id: "bench", name: "Bench Crating"))
                for index in 0..<contacts {
                    try tx.insert(
                        Contact(
                            id: ContactID("bench\(index)"), companyID: "bench", name: "Bench \(index)",
                            email: "bench\(index)@bench.example",
                            timeZone: TimeZone(identifier: "Europe/Berlin")!))
                }
                for index in 0..<count {
                    let member = staff[index % staff.count]
                    let slot = index / staff.count
                    let begin = start.addingTimeInterval(TimeInterval(slot / 12) * 86_400 + TimeInterval(slot % 12) * 3600)
                    try tx.insert(
                        Booking(
                            id: BookingIDs.make(), companyID: "bench", contactID: ContactID("bench\(index % 10)"),
                            sessionType: SessionType(.liveSession, minutes: 60), start: begin, staff: member.key,
                            charge: Charge(basis: .feeSchedule, amount: .usd(100)), bookedAt: start.addingTimeInterval(-86_400)))
                }
                return count
            }
        }

        static func count(_ store: SupportStore) throws -> Int {
            try store.read { tx in try tx.bookings().count }
        }

        static func freePort() throws -> Int {
            let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(socket) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0
                }
            }
            guard bound else { throw CommandFailure(message: "cannot find a free port") }
            return Int(UInt16(bigEndian: address.sin_port))
        }

        static func waitForHealth(_ base: String, path: String = "/healthz") throws {
            let client = HTTPClient(logger: BenchLogger.quiet)
            for _ in 0..<200 {
                if let answer = try? client.sendBlocking(HTTPRequest(method: "GET", url: "\(base)\(path)", timeout: .seconds(2))),
                    answer.isSuccess
                {
                    return
                }
                usleep(100_000)
            }
            throw CommandFailure(message: "supportcal serve did not come up on \(base)")
        }
    }
}
