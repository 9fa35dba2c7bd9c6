import CalDAV
import Curl
import Foundation
import TestSupport
import Testing

/// SabreDAV 1.8 (Debian's `php-sabre-dav`, the engine family of Nextcloud and Baikal),
/// started by the test command. It has no sync-collection: it refuses the report with 403
/// and a DAV:error whose first children are its own, and a mirror must find
/// `DAV:supported-report` among them and fall back to the ETag listing by itself.
/// (The rest of the CalDAV suite runs here too, parameterized over every server.)
@Suite struct SabreDAVTests {
    func client() throws -> CalDAVClient {
        CalDAVClient(
            baseURL: try TestServers.sabre(), authentication: .basic(user: TestServers.user, password: try TestServers.password()),
            logger: quietLogger())
    }

    func freshCalendar(_ client: CalDAVClient, _ label: String) async throws -> URL {
        let home = try TestServers.sabre().appendingPathComponent("calendars/\(TestServers.user)/")
        return try await client.makeCalendar(
            at: client.calendarURL(named: "\(label)-\(UUID().uuidString.prefix(8).lowercased())", in: home))
    }

    @Test func aMirrorDetectsTheMissingSyncCollectionAndFollowsChangesByETags() async throws {
        let client = try client()
        let calendar = try await freshCalendar(client, "mirror")
        let first = try await client.create(
            Events.simple(uid: Events.uid(), summary: "One"), at: client.objectURL(named: "one.ics", in: calendar))
        let second = try await client.create(
            Events.simple(uid: Events.uid(), summary: "Two"), at: client.objectURL(named: "two.ics", in: calendar))

        let refusal = try await #require(throws: CalDAVError.self) { _ = try await client.syncCollection(calendar, token: nil) }
        #expect(refusal.code.preconditionName == "supported-report", "\(refusal)")
        #expect(refusal.status == 403)

        var mirror = CalendarMirror(calendarURL: calendar)
        let initial = try await mirror.refresh(using: client)
        #expect(!initial.usedSyncCollection && mirror.strategy == .etagListing)
        #expect(mirror.objects.count == 2)

        // A staff edit and a delete in their calendar app are seen on the next refresh.
        _ = try await client.update(
            Events.simple(uid: Events.uid(), summary: "One, moved"), at: first.url, ifMatch: try #require(first.etag))
        try await client.delete(second.url, ifMatch: second.etag)
        let update = try await mirror.refresh(using: client)
        #expect(update.changed == [Href(url: first.url)])
        #expect(update.deleted == [Href(url: second.url)])
        let unchanged = try await mirror.refresh(using: client)
        #expect(unchanged.changed.isEmpty && unchanged.deleted.isEmpty)
    }

    @Test func aStaleETagAndASecondCreateAreConflictsNotTheServersOwnElements() async throws {
        let client = try client()
        let calendar = try await freshCalendar(client, "stale")
        let url = client.objectURL(named: "stale.ics", in: calendar)
        let uid = Events.uid()
        let stale = try #require(try await client.create(Events.simple(uid: uid, summary: "Ours"), at: url).etag)
        _ = try await client.update(Events.simple(uid: uid, summary: "Staff moved it"), at: url, ifMatch: stale)
        let update = try await #require(throws: CalDAVError.self) {
            try await client.update(Events.simple(uid: uid, summary: "Ours again"), at: url, ifMatch: stale)
        }
        #expect(update.code == .conflict && update.status == 412, "\(update)")
        let twice = try await #require(throws: CalDAVError.self) { try await client.create(Events.simple(uid: uid), at: url) }
        #expect(twice.code == .conflict)
        #expect(try await client.get(url).document().events.first?.summary == "Staff moved it")
    }

    /// SabreDAV fails a whole multiget for one gone href (404); the client still gets the
    /// others and names the gone one missing, as it does on servers that answer per href.
    @Test func aMultigetWithAGoneHrefStillReturnsTheOthers() async throws {
        let client = try client()
        let calendar = try await freshCalendar(client, "gone")
        var hrefs: [Href] = []
        for index in 0..<5 {
            let made = try await client.create(
                Events.simple(uid: Events.uid(), summary: "Event \(index)"), at: client.objectURL(named: "e\(index).ics", in: calendar))
            hrefs.append(Href(url: made.url))
        }
        let gone = Href(url: client.objectURL(named: "deleted-meanwhile.ics", in: calendar))
        let result = try await client.multiget(Array(hrefs[..<2]) + [gone] + Array(hrefs[2...]), in: calendar)
        #expect(Set(result.objects.map(\.href)) == Set(hrefs))
        #expect(result.missing == [gone])
    }

    /// Without sync tokens, a restored mirror asks the ctag first: an idle calendar costs
    /// one PROPFIND Depth 0, however many events it holds; a changed one a listing too.
    @Test func anUnchangedCtagCostsOneSmallRequestAndAChangedOneAListing() async throws {
        let client = try client()
        let calendar = try await freshCalendar(client, "ctag")
        _ = try await ReportTests.fill(client, calendar, count: 30)
        var first = CalendarMirror(calendarURL: calendar)
        _ = try await first.refresh(using: client)
        #expect(first.syncToken == nil && first.ctag != nil)

        var mirror = CalendarMirror(calendarURL: calendar, objects: first.objects, syncToken: first.syncToken, ctag: first.ctag)
        #expect(mirror.strategy == .etagListing, "a restored mirror does not ask for sync-collection again")
        let idleStart = client.metrics
        let idle = try await mirror.refresh(using: client)
        #expect(client.metrics.since(idleStart).requests == 1)
        #expect(client.metrics.since(idleStart).byMethod["PROPFIND"] == 1)
        #expect(idle.changed.isEmpty && idle.deleted.isEmpty && mirror.objects.count == 30)

        let edited = try #require(mirror.objects.values.min { $0.href < $1.href })
        _ = try await client.update(
            edited.data.replacingOccurrences(of: "SUMMARY:", with: "SUMMARY:Moved "), at: edited.url, ifMatch: try #require(edited.etag))
        let changedStart = client.metrics
        let update = try await mirror.refresh(using: client)
        #expect(client.metrics.since(changedStart).requests == 3)  // ctag, listing, one multiget
        #expect(update.changed == [edited.href])
        #expect(mirror.ctag != first.ctag)
    }
}
