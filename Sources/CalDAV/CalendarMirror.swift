import Foundation

/// A local copy of one calendar, kept current with as few requests as the server allows.
///
/// With sync-collection a refresh costs one REPORT (more if the server pages with
/// 507) plus one calendar-multiget per `multigetBatchSize` changed objects: requests
/// grow with the changes, not the calendar. Without it, the collection's `getctag` is read
/// first (one PROPFIND Depth 0): only when it changed is the calendar listed (PROPFIND
/// Depth 1), diffed against the held ETags, and the changes fetched by the same multigets.
public struct CalendarMirror: Sendable {
    public enum Strategy: Sendable, Hashable {
        /// sync-collection, falling back to ETag listings if the server refuses it.
        case automatic
        /// Always list ETags (for servers known to lack sync-collection).
        case etagListing
    }

    public let calendarURL: URL
    public var strategy: Strategy
    /// The token of the last complete sync, nil before the first or after a reset.
    public private(set) var syncToken: String?
    public private(set) var objects: [Href: CalendarObject] = [:]
    /// The `getctag` that went with the last ETag listing (nil with sync-collection).
    public private(set) var ctag: String?
    /// Whether a sync-collection delta is checked against a full ETag listing too. One
    /// PROPFIND more, and what a server's deltas miss is found: DAViCal answers a token it
    /// does not know with everything it holds, which hides deletions, and tokens have
    /// broken after deletes elsewhere (python-caldav #183). For a nightly job, not a poll.
    public var checksDeltasAgainstListing = false

    public init(calendarURL: URL, strategy: Strategy = .automatic) {
        self.calendarURL = HrefResolver.asCollection(calendarURL)
        self.strategy = strategy
    }

    /// A mirror restored from storage: the objects, token and ctag of an earlier refresh. A
    /// ctag without a token means that refresh found no sync-collection, so this one does
    /// not ask for it again.
    public init(
        calendarURL: URL, objects: [Href: CalendarObject], syncToken: String?, ctag: String? = nil, strategy: Strategy = .automatic
    ) {
        self.init(calendarURL: calendarURL, strategy: syncToken == nil && ctag != nil ? .etagListing : strategy)
        self.objects = objects
        self.syncToken = syncToken
        self.ctag = ctag
    }

    /// What one refresh did.
    public struct Update: Sendable, Hashable {
        public var changed: [Href] = []
        public var deleted: [Href] = []
        /// The held token was refused, so the whole calendar was listed again.
        public var fullResync = false
        public var usedSyncCollection = false
    }

    /// Brings the mirror up to date. Never drops objects because a request failed:
    /// an error leaves the mirror as it was.
    public mutating func refresh(using client: CalDAVClient) async throws(CalDAVError) -> Update {
        var update = Update()
        var toFetch: [ObjectVersion] = []
        var gone: [Href] = []
        var nextToken: String? = nil

        if strategy == .automatic {
            do throws(CalDAVError) {
                var result = try await client.syncCollection(calendarURL, token: syncToken)
                if case .tokenInvalid = result {
                    update.fullResync = true
                    result = try await client.syncCollection(calendarURL, token: nil)
                }
                guard case .changes(let changes) = result else {
                    throw CalDAVError(
                        code: .invalidSyncToken, server: CalDAVClient.serverName(calendarURL),
                        request: CalDAVClient.requestLabel("REPORT", calendarURL),
                        detail: "the server refused even an empty sync token")
                }
                update.usedSyncCollection = true
                nextToken = changes.token
                gone = changes.deleted
                toFetch = changes.changed.filter { version in
                    guard let held = objects[version.href], let etag = version.etag else { return true }
                    return held.etag != etag
                }
                if syncToken == nil || update.fullResync {
                    // A full listing: what it does not mention is gone.
                    let present = Set(changes.changed.map(\.href))
                    gone += objects.keys.filter { !present.contains($0) }
                }
                if checksDeltasAgainstListing {
                    let missed = try await Self.missedByDelta(client, calendarURL, held: objects, fetching: toFetch, gone: gone)
                    toFetch += missed.changed
                    gone += missed.deleted
                }
            } catch  where Self.meansUnsupported(error) {
                strategy = .etagListing
            }
        }
        if strategy == .etagListing {
            let current = try await client.collectionTags(calendarURL).ctag
            if let current, current == ctag {
                syncToken = nil
                return update
            }
            let listing = try await client.listObjects(in: calendarURL)
            let diff = ETagDiff.diff(known: objects.mapValues(\.etag), listing: listing)
            toFetch = diff.changed
            gone = diff.deleted
            nextToken = nil
            ctag = current
        }

        let fetched = try await client.multiget(toFetch.map(\.href), in: calendarURL)
        for object in fetched.objects {
            objects[object.href] = object
            update.changed.append(object.href)
        }
        for href in gone + fetched.missing where objects.removeValue(forKey: href) != nil {
            update.deleted.append(href)
        }
        syncToken = nextToken
        return update
    }

    /// What a listing shows that the held objects with the delta applied do not.
    private static func missedByDelta(
        _ client: CalDAVClient, _ calendarURL: URL, held: [Href: CalendarObject], fetching: [ObjectVersion], gone: [Href]
    ) async throws(CalDAVError) -> (changed: [ObjectVersion], deleted: [Href]) {
        var expected = held.mapValues(\.etag)
        for href in gone { expected.removeValue(forKey: href) }
        for version in fetching { expected[version.href] = version.etag }
        let diff = ETagDiff.diff(known: expected, listing: try await client.listObjects(in: calendarURL))
        let fetched = Set(fetching.map(\.href))
        return (diff.changed.filter { !fetched.contains($0.href) }, diff.deleted)
    }

    /// sync-collection refused as a report (not as a token): 400/403/405/501 without
    /// DAV:valid-sync-token, or a named `supported-report` precondition.
    private static func meansUnsupported(_ error: CalDAVError) -> Bool {
        if error.code.preconditionName == "supported-report" { return true }
        guard error.code == .rejected || error.code == .forbidden, let status = error.status else { return false }
        return [400, 403, 405, 501].contains(status)
    }
}
