import Foundation
import TestSupport
import Testing

/// `serve` reads each CalDAV calendar's sync token (or ctag) every `[sync] poll_seconds`
/// and syncs only a calendar whose tag changed: a staff member's drag reaches the customer
/// in seconds, long before the full sync (here set to ten hours) would have run.
@Suite struct StaffEditPollingThroughTheCLITests {
    typealias Server = CalDAVTestServer

    @Test(arguments: Server.allCases)
    func aStaffDragIsEmailedWithinTenSecondsWithPollSecondsFive(server: Server) async throws {
        let setup = try await SyncThroughTheCLITests.Setup(server)
        defer { setup.workspace.remove() }
        let handle = try FileHandle(forWritingTo: setup.workspace.config)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("\n[http]\nsync_interval_minutes = 600\n\n[sync]\npoll_seconds = 5\n".utf8))
        try handle.close()
        let id = try SyncThroughTheCLITests().bookedAndSynced(setup)
        let serve = try RunningServe(setup.workspace, port: try ClosedPort.find(), now: "2026-12-01T12:05:00Z")
        defer { _ = serve.stop() }
        // The first look syncs every calendar once (nothing held yet); let it pass.
        try await Task.sleep(for: .seconds(7))
        #expect(movedMails(setup).isEmpty)

        let moved = try await setup.get(id).text
            .replacingOccurrences(of: "DTSTART;TZID=America/Chicago:20261202T090000", with: "DTSTART;TZID=America/Chicago:20261202T140000")
            .replacingOccurrences(of: "DTEND;TZID=America/Chicago:20261202T100000", with: "DTEND;TZID=America/Chicago:20261202T150000")
        #expect([200, 201, 204].contains(try await setup.put(id, moved)))
        let dragged = ContinuousClock.now
        while movedMails(setup).isEmpty, ContinuousClock.now - dragged < .seconds(15) { try await Task.sleep(for: .milliseconds(200)) }
        let waited = ContinuousClock.now - dragged

        #expect(movedMails(setup).count == 1, "the customer is told once")
        #expect(waited < .seconds(10), "emailed after \(waited)")
        #expect(serve.stop() == 0)
        #expect(try setup.start(id) == "2026-12-02T20:00:00Z")
    }

    func movedMails(_ setup: SyncThroughTheCLITests.Setup) -> [String] {
        setup.workspace.files(in: setup.workspace.mailFolder).compactMap {
            try? String(contentsOf: setup.workspace.mailFolder.appendingPathComponent($0), encoding: .utf8)
        }.filter { $0.contains("Subject: Moved:") }
    }
}
