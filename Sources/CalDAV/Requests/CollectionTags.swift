import Foundation

/// What says whether a calendar changed, read without listing it.
public struct CollectionTags: Sendable, Hashable {
    /// RFC 6578's `DAV:sync-token`, on servers with sync-collection.
    public var syncToken: String?
    /// CalendarServer's `getctag`, which older servers (SabreDAV 1.8) have instead.
    public var ctag: String?

    public init(syncToken: String? = nil, ctag: String? = nil) {
        self.syncToken = syncToken
        self.ctag = ctag
    }
}

extension CalDAVClient {
    /// The calendar's sync token and ctag (one PROPFIND Depth 0 of just these two): the
    /// cheapest question a client can ask before deciding to read changes. A server that
    /// has neither answers with both nil, never an error of its own.
    public func collectionTags(_ calendar: URL) async throws(CalDAVError) -> CollectionTags {
        let calendar = HrefResolver.asCollection(calendar)
        let body = XMLWriter.document("d:propfind", PropertyName.prop([.syncToken, .ctag]))
        let (multistatus, _) = try await multistatus("PROPFIND", calendar, depth: "0", body: body)
        let item = multistatus.responses.first { Href($0.href) == Href(url: calendar) } ?? multistatus.responses.first
        return CollectionTags(
            syncToken: item?.text(.syncToken).flatMap { $0.isEmpty ? nil : $0 }, ctag: item?.text(.ctag).flatMap { $0.isEmpty ? nil : $0 })
    }
}
