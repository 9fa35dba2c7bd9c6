import CalDAV
import Curl
import Foundation
import Logging
import Synchronization
import TestSupport

/// The real servers every integration test runs against (see `CalDAVTestServer`).
typealias Server = CalDAVTestServer

extension CalDAVTestServer {
    func client(baseURL: URL? = nil, retry: RetryPolicy = .default, options: CalDAVClient.Options = .init()) throws -> CalDAVClient {
        CalDAVClient(
            baseURL: try baseURL ?? root, authentication: try authentication, options: options, retry: retry,
            logger: quietLogger())
    }

    /// A new, uniquely named calendar, so tests neither see nor disturb each other.
    func freshCalendar(_ client: CalDAVClient, _ label: String = "test", displayName: String? = nil, color: String? = nil) async throws
        -> URL
    {
        let name = "\(label)-\(UUID().uuidString.prefix(8).lowercased())"
        return try await client.makeCalendar(
            at: client.calendarURL(named: name, in: try calendarHome),
            displayName: displayName, color: color)
    }
}

/// Builds small iCalendar objects for tests.
enum Events {
    static func calendar(_ body: String) -> String {
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//SupportCal tests//EN\r\n" + body + "END:VCALENDAR\r\n"
    }

    static func vevent(
        uid: String, summary: String = "Session", start: String = "20261102T150000Z",
        end: String = "20261102T160000Z", extra: String = ""
    ) -> String {
        "BEGIN:VEVENT\r\nUID:\(uid)\r\nDTSTAMP:20261001T000000Z\r\nDTSTART:\(start)\r\nDTEND:\(end)\r\nSUMMARY:\(summary)\r\n"
            + "\(extra)END:VEVENT\r\n"
    }

    static func simple(uid: String, summary: String = "Session", start: String = "20261102T150000Z", end: String = "20261102T160000Z")
        -> String
    {
        calendar(vevent(uid: uid, summary: summary, start: start, end: end))
    }

    static func uid() -> String { "test-\(UUID().uuidString.lowercased())@supportcal.example" }
}

/// Records retry waits instead of spending them, so retry tests stay fast.
final class SleepRecorder: Sendable {
    private let recorded = Mutex<[Duration]>([])

    var delays: [Duration] { recorded.withLock { $0 } }

    func policy(maxAttempts: Int = 3) -> RetryPolicy {
        RetryPolicy(
            maxAttempts: maxAttempts, initialDelay: .milliseconds(100),
            sleep: { [self] delay in
                recorded.withLock { $0.append(delay) }
            })
    }
}

/// Retry notices are expected in these tests; only real trouble is printed.
func quietLogger() -> Logger {
    var logger = Logger(label: "test.caldav")
    logger.logLevel = .error
    return logger
}
