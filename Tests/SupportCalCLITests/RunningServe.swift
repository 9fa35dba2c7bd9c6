import Foundation
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// `supportcal serve` started for a test, on a port of its own; stopped with SIGTERM.
final class RunningServe: @unchecked Sendable {
    let process = Process()
    let url: URL
    private let output = Pipe()

    struct Failure: Error, CustomStringConvertible { var description: String }

    /// Starts the service and waits (up to 30 s) until it says it is listening.
    init(_ workspace: CLIWorkspace, port: Int, now: String, environment: [String: String] = [:]) throws {
        process.executableURL = SupportCalBinary.url
        process.arguments = ["serve", "--config", workspace.config.path, "--port", "\(port)", "--now", now, "--log-level", "warning"]
        var merged = ProcessInfo.processInfo.environment
        merged.merge(workspace.environment) { $1 }
        merged.merge(environment) { $1 }
        process.environment = merged
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        // Read as it arrives, on the handle's own queue: a blocking read here could wait
        // forever on a service that never prints, and the deadline would never be checked.
        let received = Received()
        output.fileHandleForReading.readabilityHandler = { handle in received.append(handle.availableData) }
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while !received.text.contains("listening on http://"), Date() < deadline, process.isRunning { usleep(20_000) }
        let seen = received.text
        guard let range = seen.range(of: "listening on "),
            let listening = URL(string: String(seen[range.upperBound...].prefix { !$0.isNewline }))
        else {
            process.terminate()
            throw Failure(description: "supportcal serve did not start: \(seen)")
        }
        url = listening
    }

    /// SIGTERM, then the exit status (nil if it did not stop within 20 s).
    func stop() -> Int32? {
        guard process.isRunning else { return process.terminationStatus }
        kill(process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning, Date() < deadline { usleep(50_000) }
        if process.isRunning {
            process.terminate()
            return nil
        }
        return process.terminationStatus
    }

    deinit {
        output.fileHandleForReading.readabilityHandler = nil
        if process.isRunning { process.terminate() }
    }

    /// What the service printed so far.
    private final class Received: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        func append(_ chunk: Data) { lock.withLock { data.append(chunk) } }
        var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
    }
}
