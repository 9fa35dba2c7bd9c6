import CalDAV
import Foundation
import ICal
import Testing

@Suite("Reports")
struct ReportTests {
    /// Fills `calendar` with `count` events, eight PUTs at a time.
    static func fill(_ client: CalDAVClient, _ calendar: URL, count: Int, prefix: String = "event") async throws -> [String: URL] {
        try await withThrowingTaskGroup(of: (String, URL).self) { group in
            var urls: [String: URL] = [:]
            for index in 0..<count {
                if index >= 8, let (uid, url) = try await group.next() { urls[uid] = url }
                group.addTask {
                    let uid = "\(prefix)-\(index)-\(UUID().uuidString.lowercased())"
                    let url = client.objectURL(named: "\(prefix)-\(index).ics", in: calendar)
                    let day = 1 + index % 28
                    let start = String(format: "202611%02dT%02d0000Z", day, 8 + index % 10)
                    let end = String(format: "202611%02dT%02d3000Z", day, 8 + index % 10)
                    _ = try await client.create(Events.simple(uid: uid, summary: "Event \(index)", start: start, end: end), at: url)
                    return (uid, url)
                }
            }
            for try await (uid, url) in group { urls[uid] = url }
            return urls
        }
    }

    @Test(arguments: Server.allCases)
    func multigetOf250EventsInBatches(server: Server) async throws {
        let client = try server.client()
        let calendar = try await server.freshCalendar(client, "multiget")
        let created = try await Self.fill(client, calendar, count: 250)
        let hrefs = created.values.map { Href(url: $0) }

        let before = client.metrics
        let result = try await client.multiget(hrefs, in: calendar, batchSize: 100)
        let spent = client.metrics.since(before)

        #expect(spent.requests == 3)
        #expect(spent.byMethod["REPORT"] == 3)
        #expect(result.missing.isEmpty)
        #expect(result.objects.count == 250)
        #expect(result.objects.allSatisfy { $0.etag != nil })
        let uids = Set(try result.objects.compactMap { try $0.document().events.first?.uid })
        #expect(uids == Set(created.keys))
    }

    @Test(arguments: Server.allCases)
    func multigetReportsHrefsThatAreGone(server: Server) async throws {
        let client = try server.client()
        let calendar = try await server.freshCalendar(client, "missing")
        let url = client.objectURL(named: "here.ics", in: calendar)
        _ = try await client.create(Events.simple(uid: Events.uid()), at: url)
        let ghost = Href(url: client.objectURL(named: "ghost.ics", in: calendar))

        let result = try await client.multiget([Href(url: url), ghost], in: calendar)

        #expect(result.objects.map(\.href) == [Href(url: url)])
        #expect(result.missing == [ghost])
    }

    @Test(arguments: Server.allCases)
    func calendarQueryReturnsOnlyEventsInTheRange(server: Server) async throws {
        let client = try server.client()
        let calendar = try await server.freshCalendar(client, "query")
        _ = try await client.create(
            Events.simple(uid: "in@test", summary: "In", start: "20261103T150000Z", end: "20261103T160000Z"),
            at: client.objectURL(named: "in.ics", in: calendar))
        _ = try await client.create(
            Events.simple(uid: "out@test", summary: "Out", start: "20261203T150000Z", end: "20261203T160000Z"),
            at: client.objectURL(named: "out.ics", in: calendar))
        let todo = Events.calendar(
            "BEGIN:VTODO\r\nUID:todo@test\r\nDTSTAMP:20261001T000000Z\r\nDTSTART:20261103T150000Z\r\nSUMMARY:Todo\r\nEND:VTODO\r\n")
        _ = try? await client.create(todo, at: client.objectURL(named: "todo.ics", in: calendar))

        let from = try Date("2026-11-01T00:00:00Z", strategy: .iso8601)
        let to = try Date("2026-11-08T00:00:00Z", strategy: .iso8601)
        let found = try await client.events(in: calendar, from: from, to: to)

        #expect(try found.map { try $0.document().events.first?.summary } == ["In"])
        #expect(found.first?.etag != nil)
    }
}
