import CalDAV
import Foundation
import Testing

@Suite("sync-collection and mirroring")
struct SyncTests {
    @Test(arguments: Server.withSyncCollection)
    func initialThenOneAddChangeAndDelete(server: Server) async throws {
        let client = try server.client()
        let calendar = try await server.freshCalendar(client, "sync")
        var versions: [String: ObjectVersion] = [:]
        let uids = ["keep": Events.uid(), "change": Events.uid(), "delete": Events.uid()]
        for name in ["keep", "change", "delete"] {
            versions[name] = try await client.create(
                Events.simple(uid: uids[name]!, summary: name),
                at: client.objectURL(named: "\(name).ics", in: calendar))
        }

        let initial = try #require(try await client.syncCollection(calendar, token: nil).changes)
        #expect(Set(initial.changed.map(\.href)) == Set(versions.values.map(\.href)))
        #expect(initial.deleted.isEmpty)
        #expect(Set(initial.changed.compactMap(\.etag)) == Set(versions.values.compactMap(\.etag)))

        let added = try await client.create(
            Events.simple(uid: Events.uid(), summary: "added"),
            at: client.objectURL(named: "added.ics", in: calendar))
        let changed = try await client.update(
            Events.simple(uid: uids["change"]!, summary: "changed"),
            at: versions["change"]!.url, ifMatch: versions["change"]!.etag!)
        try await client.delete(versions["delete"]!.url, ifMatch: versions["delete"]!.etag)

        let before = client.metrics
        let next = try #require(try await client.syncCollection(calendar, token: initial.token).changes)
        #expect(client.metrics.since(before).requests == 1)
        #expect(Set(next.changed.map(\.href)) == [added.href, changed.href])
        #expect(next.changed.first { $0.href == changed.href }?.etag == changed.etag)
        #expect(next.deleted == [versions["delete"]!.href])
        #expect(next.token != initial.token)

        let quiet = try #require(try await client.syncCollection(calendar, token: next.token).changes)
        #expect(quiet.changed.isEmpty && quiet.deleted.isEmpty)
    }

    @Test(arguments: Server.refusingUnknownSyncTokens)
    func aGarbageTokenIsTokenInvalid(server: Server) async throws {
        let client = try server.client()
        let calendar = try await server.freshCalendar(client, "garbage")
        let result = try await client.syncCollection(calendar, token: "http://example.com/ns/sync/not-a-token")
        guard case .tokenInvalid(let detail) = result else {
            Issue.record("expected tokenInvalid, got \(result)")
            return
        }
        #expect(detail.contains("valid-sync-token"))
    }

    @Test(arguments: Server.withSyncCollection)
    func anIncrementalMirrorCostsRequestsForChangesNotForTheCalendar(server: Server) async throws {
        let client = try server.client()
        let calendar = try await server.freshCalendar(client, "mirror")
        let created = try await ReportTests.fill(client, calendar, count: 40)
        var mirror = CalendarMirror(calendarURL: calendar)

        let initial = try await mirror.refresh(using: client)
        #expect(initial.usedSyncCollection)
        #expect(mirror.objects.count == 40)
        #expect(mirror.syncToken != nil)

        // Three changes: one new, one edited, one removed.
        let edited = try #require(mirror.objects.values.first)
        _ = try await client.update(
            edited.data.replacingOccurrences(of: "SUMMARY:", with: "SUMMARY:Edited "), at: edited.url, ifMatch: edited.etag!)
        let removed = try #require(mirror.objects.values.first { $0.href != edited.href })
        try await client.delete(removed.url, ifMatch: removed.etag)
        let added = try await client.create(
            Events.simple(uid: Events.uid(), summary: "New"), at: client.objectURL(named: "new.ics", in: calendar))

        let before = client.metrics
        let update = try await mirror.refresh(using: client)
        let spent = client.metrics.since(before)

        #expect(spent.requests == 2)  // one sync-collection, one multiget
        #expect(Set(update.changed) == [edited.href, added.href])
        #expect(update.deleted == [removed.href])
        #expect(mirror.objects.count == 40)
        #expect(mirror.objects[edited.href]?.data.contains("Edited") == true)
        #expect(created.count == 40)

        let idle = client.metrics
        let nothing = try await mirror.refresh(using: client)
        #expect(client.metrics.since(idle).requests == 1)
        #expect(nothing.changed.isEmpty && nothing.deleted.isEmpty)
    }

    @Test(arguments: Server.allCases)
    func theETagListingFallbackFindsTheSameChanges(server: Server) async throws {
        let client = try server.client()
        let calendar = try await server.freshCalendar(client, "listing")
        _ = try await ReportTests.fill(client, calendar, count: 12)
        var synced = CalendarMirror(calendarURL: calendar)
        var listed = CalendarMirror(calendarURL: calendar, strategy: .etagListing)
        _ = try await synced.refresh(using: client)
        _ = try await listed.refresh(using: client)
        #expect(Set(listed.objects.keys) == Set(synced.objects.keys))

        let victim = try #require(listed.objects.values.first)
        try await client.delete(victim.url, ifMatch: victim.etag)
        _ = try await client.create(Events.simple(uid: Events.uid()), at: client.objectURL(named: "late.ics", in: calendar))

        let before = client.metrics
        let update = try await listed.refresh(using: client)
        #expect(client.metrics.since(before).requests == 3)  // the ctag, the listing, one multiget
        #expect(update.deleted == [victim.href])
        #expect(update.changed.map(\.lastSegment) == ["late.ics"])
        #expect(!update.usedSyncCollection)
        _ = try await synced.refresh(using: client)
        #expect(Set(listed.objects.keys) == Set(synced.objects.keys))
    }

    @Test(arguments: Server.refusingUnknownSyncTokens)
    func aMirrorWithAnInvalidTokenResyncsFully(server: Server) async throws {
        let (client, calendar, mirror, doomed) = try await mirroredWithOneDeleted(server, "resync")

        // A mirror restored with a token the server never issued.
        var restored = CalendarMirror(calendarURL: calendar, objects: mirror.objects, syncToken: "not-a-token-\(UUID())")
        let update = try await restored.refresh(using: client)

        #expect(update.fullResync)
        #expect(update.deleted == [doomed.href])
        #expect(update.changed.isEmpty)  // unchanged ETags are not fetched again
        #expect(restored.objects.count == 4)
    }

    /// A token the server never issued: Radicale and Xandikos refuse it (a full resync),
    /// DAViCal answers with everything it holds, which alone would hide the deletion. Checked
    /// against the listing, every server's answer finds it, and fetches nothing unchanged.
    @Test(arguments: Server.withSyncCollection)
    func aDeltaCheckedAgainstTheListingFindsADeletionTheDeltaHid(server: Server) async throws {
        let (client, calendar, mirror, doomed) = try await mirroredWithOneDeleted(server, "checked")

        var restored = CalendarMirror(calendarURL: calendar, objects: mirror.objects, syncToken: "http://example.invalid/sync/\(UUID())")
        restored.checksDeltasAgainstListing = true
        let before = client.metrics
        let update = try await restored.refresh(using: client)

        #expect(update.deleted == [doomed.href])
        #expect(update.changed.isEmpty)
        #expect(client.metrics.since(before).byMethod["GET"] == nil && client.metrics.since(before).byMethod["REPORT"] ?? 0 <= 2)
        #expect(restored.objects.count == 4)
        #expect(restored.syncToken != nil)
    }

    /// Five events mirrored, then one of them deleted behind the mirror's back.
    func mirroredWithOneDeleted(_ server: Server, _ label: String) async throws -> (CalDAVClient, URL, CalendarMirror, CalendarObject) {
        let client = try server.client()
        let calendar = try await server.freshCalendar(client, label)
        _ = try await ReportTests.fill(client, calendar, count: 5)
        var mirror = CalendarMirror(calendarURL: calendar)
        _ = try await mirror.refresh(using: client)
        let doomed = try #require(mirror.objects.values.first)
        try await client.delete(doomed.url, ifMatch: doomed.etag)
        return (client, calendar, mirror, doomed)
    }
}
