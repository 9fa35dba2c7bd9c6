import Curl
import Foundation
import Scheduling
import Store

#if canImport(Glibc)
    import Glibc
#endif

extension BenchCommand.ServeBench {
    /// The framework's ceiling on this machine in this run: `supportcal-bench-ceiling`
    /// (Benchmarks/HelloCeiling), the same Hummingbird doing nothing but HTTP.
    struct Ceiling {
        struct Figures {
            var hello: String?
            var json: String?
            var echo: String?
        }

        let process: Process
        let base: String

        /// Started from the folder `supportcal` runs from; nil when it was not built.
        static func start() throws -> Ceiling? {
            let folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            let binary = folder.appendingPathComponent("supportcal-bench-ceiling")
            guard FileManager.default.isExecutableFile(atPath: binary.path) else { return nil }
            let port = try BenchCommand.ServeBench.freePort()
            let process = Process()
            process.executableURL = binary
            process.arguments = ["\(port)"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let ceiling = Ceiling(process: process, base: "http://127.0.0.1:\(port)")
            try BenchCommand.ServeBench.waitForHealth(ceiling.base, path: "/hello")
            return ceiling
        }

        func measure(get: (String) throws -> String, post: (String) throws -> String) throws -> Figures {
            Figures(hello: try get("\(base)/hello"), json: try get("\(base)/json"), echo: try post("\(base)/echo"))
        }

        func stop() {
            kill(process.processIdentifier, SIGTERM)
            process.waitUntilExit()
        }

        /// " = 12.3 % of hello-world" from two wrk summaries ("N req/s, ...").
        static func ratio(_ figure: String, to peer: String?, _ name: String) -> String {
            guard let peer, let ours = requestsPerSecond(figure), let theirs = requestsPerSecond(peer), theirs > 0 else { return "" }
            return String(format: "  = %.1f %% of %@", ours / theirs * 100, name)
        }

        static func requestsPerSecond(_ summary: String) -> Double? {
            summary.split(separator: " ").first.flatMap { Double($0) }
        }
    }

    /// wrk's script for the echo peer: a booking-sized JSON body.
    static let echoScript = """
        wrk.method = "POST"
        wrk.headers["Content-Type"] = "application/json"
        wrk.body = '{"contact":"bench1@bench.example","kind":"live-session","length":60,"start":"2027-03-01T10:00:00Z"}'
        """

    static func startServer(config: URL, port: Int) throws -> Process {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let server = Process()
        server.executableURL = binary
        server.arguments = [
            "serve", "--config", config.path, "--port", "\(port)", "--now", "2027-01-01T00:00:00Z", "--log-level", "error",
        ]
        server.standardOutput = FileHandle.nullDevice
        try server.run()
        return server
    }

    /// Milliseconds for one GET.
    static func timeOne(_ url: String) throws -> Double {
        let client = HTTPClient(logger: BenchLogger.quiet)
        let clock = ContinuousClock()
        var answer: HTTPResponse?
        let elapsed = try clock.measure { answer = try client.sendBlocking(HTTPRequest(method: "GET", url: url, timeout: .seconds(60))) }
        guard answer?.isSuccess == true else { throw CommandFailure(message: "GET \(url) answered \(answer?.status ?? 0)") }
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    }

    /// Pairs of active bookings of one staff member that overlap: racing requests must leave none.
    static func overlappingBookings(_ store: SupportStore) throws -> Int {
        let active = try store.read { tx in
            try tx.bookings(BookingQuery(statuses: Set(Booking.Status.allCases.filter { !$0.isCancelled })))
        }
        var overlaps = 0
        for (_, bookings) in Dictionary(grouping: active, by: \.staff) {
            let sorted = bookings.sorted { $0.start < $1.start }
            for (earlier, later) in zip(sorted, sorted.dropFirst()) where later.start < earlier.end { overlaps += 1 }
        }
        return overlaps
    }

    /// Seconds from SIGTERM to exit while wrk keeps 32 connections booking.
    func drainUnderLoad(server: Process, url: String, script: URL) throws -> Double {
        let load = Process()
        load.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        load.arguments = ["wrk", "-t\(threads)", "-c\(connections)", "-d30s", "-s", script.path, url]
        load.standardOutput = FileHandle.nullDevice
        load.standardError = FileHandle.nullDevice
        try load.run()
        defer {
            kill(load.processIdentifier, SIGTERM)
            load.waitUntilExit()
        }
        usleep(2_000_000)
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            kill(server.processIdentifier, SIGTERM)
            server.waitUntilExit()
        }
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
