import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A second `supportcal serve` on a port already in use (a systemd restart overlapping the
/// old process) exits at once with one line naming the address, and starts no jobs.
@Suite(.serialized) struct ServeStartupTests {
    @Test func aSecondServeOnAPortInUseExitsAtOnceSayingSo() throws {
        let port = try ClosedPort.find()
        let workspace = try CLIWorkspace(root: "public_base_url = \"http://127.0.0.1:\(port)\"")
        defer { workspace.remove() }
        try workspace.ok(["init"])
        let first = try RunningServe(workspace, port: port, now: "2026-12-01T12:00:00Z")
        defer { _ = first.stop() }

        let second = Process()
        second.executableURL = SupportCalBinary.url
        second.arguments = ["serve", "--config", workspace.config.path, "--port", "\(port)", "--now", "2026-12-01T12:00:00Z"]
        let output = Pipe()
        let errors = Pipe()
        second.standardOutput = output
        second.standardError = errors
        try second.run()
        // Before the fix it never exited: wait a bounded time, then kill it and fail.
        let deadline = Date().addingTimeInterval(20)
        while second.isRunning, Date() < deadline { usleep(50_000) }
        let stillRunning = second.isRunning
        if stillRunning { kill(second.processIdentifier, SIGKILL) }
        second.waitUntilExit()
        #expect(!stillRunning, "a serve that cannot listen must exit by itself")
        #expect(second.terminationStatus == 1)
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stdout = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(stderr.contains("supportcal: serve: cannot listen on 127.0.0.1:\(port): address already in use"), "\(stderr)")
        #expect(stderr.split(separator: "\n").count <= 3, "no flood of job errors: \(stderr.prefix(2000))")
        #expect(!stderr.contains("job"), "no background job ran")
        #expect(!stdout.contains("listening on"))
        // The first service is untouched and still stops cleanly.
        #expect(first.stop() == 0)
    }
}
