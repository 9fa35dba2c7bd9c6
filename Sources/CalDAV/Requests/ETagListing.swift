import Foundation

extension CalDAVClient {
    /// Every object in `calendar` with its ETag (PROPFIND Depth 1): the fallback for
    /// servers without sync-collection. One request, but its size grows with the calendar.
    public func listObjects(in calendar: URL) async throws(CalDAVError) -> [ObjectVersion] {
        let calendar = HrefResolver.asCollection(calendar)
        let body = XMLWriter.document("d:propfind", PropertyName.prop([.resourceType, .getETag, .getContentType]))
        let (multistatus, response) = try await multistatus("PROPFIND", calendar, depth: "1", body: body)
        let collection = Href(url: calendar)
        return multistatus.responses.compactMap { item -> ObjectVersion? in
            guard Href(item.href) != collection, item.status.map({ (200..<300).contains($0) }) ?? true else { return nil }
            if item.property(.resourceType)?.child(Namespace.dav, "collection") != nil { return nil }
            return ObjectVersion(
                href: Href(item.href), url: resolve(item.href, answeredBy: response, fallback: calendar),
                etag: item.text(.getETag).map(ETag.init))
        }
    }
}

/// Differences between what a client holds and a fresh listing.
public enum ETagDiff {
    /// Objects to fetch (new, or with an ETag other than the one held) and objects gone.
    /// An object listed without an ETag is always fetched: nothing proves it unchanged.
    public static func diff(known: [Href: ETag?], listing: [ObjectVersion]) -> (changed: [ObjectVersion], deleted: [Href]) {
        var seen = Set<Href>()
        var changed: [ObjectVersion] = []
        for version in listing {
            seen.insert(version.href)
            if let held = known[version.href], let etag = version.etag, held == etag { continue }
            changed.append(version)
        }
        let deleted = known.keys.filter { !seen.contains($0) }.sorted()
        return (changed, deleted)
    }
}
