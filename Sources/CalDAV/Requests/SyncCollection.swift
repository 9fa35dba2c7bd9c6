import Curl
import Foundation

extension CalDAVClient {
    /// Most pages one sync may take; a server that keeps answering 507 with a new
    /// token past this is looping, not paging.
    static let maxSyncPages = 10_000

    /// Changes to `calendar` since `token` (RFC 6578); nil asks for the whole state.
    ///
    /// A truncated answer (the collection itself reported with 507) is continued with
    /// the token it carried until a complete one arrives. An invalid token comes back
    /// as `.tokenInvalid`, never as an error: the caller resynchronizes from scratch.
    public func syncCollection(_ calendar: URL, token: String?) async throws(CalDAVError) -> SyncResult {
        let calendar = HrefResolver.asCollection(calendar)
        let collection = Href(url: calendar)
        var token = token
        var order: [Href] = []
        var latest: [Href: ObjectVersion?] = [:]  // nil: deleted
        var pages = 0
        while true {
            pages += 1
            let inner =
                "<d:sync-token>\(token.map(XMLWriter.escape) ?? "")</d:sync-token><d:sync-level>1</d:sync-level>"
                + PropertyName.prop([.getETag])
            let body = XMLWriter.document("d:sync-collection", inner)
            let multistatus: Multistatus
            let response: HTTPResponse
            do throws(CalDAVError) {
                (multistatus, response) = try await self.multistatus("REPORT", calendar, depth: "0", body: body)
            } catch  where error.code == .invalidSyncToken {
                return .tokenInvalid(detail: error.detail)
            }
            var truncated = false
            for item in multistatus.responses {
                let href = Href(item.href)
                if href == collection {
                    // 507 on the collection: more to come (RFC 6578 §3.6). Other statuses on
                    // the collection itself (iCloud lists it among changes) carry nothing.
                    if item.status == 507 { truncated = true }
                    continue
                }
                if latest[href] == nil { order.append(href) }
                if let status = item.status, status == 404 || status == 410 {
                    latest[href] = .some(nil)
                    continue
                }
                if item.property(.resourceType)?.child(Namespace.dav, "collection") != nil { continue }
                latest[href] = .some(
                    ObjectVersion(
                        href: href, url: resolve(item.href, answeredBy: response, fallback: calendar),
                        etag: item.text(.getETag).map(ETag.init)))
            }
            guard let next = multistatus.syncToken else {
                throw CalDAVError(
                    code: .malformedResponse, server: Self.serverName(calendar),
                    request: Self.requestLabel("REPORT", calendar), status: response.status,
                    detail: "the sync-collection answer carries no DAV:sync-token")
            }
            if !truncated {
                var changed: [ObjectVersion] = []
                var deleted: [Href] = []
                for href in order {
                    switch latest[href] {
                    case .some(.some(let version)): changed.append(version)
                    case .some(.none): deleted.append(href)
                    case .none: break
                    }
                }
                return .changes(SyncChanges(token: next, changed: changed, deleted: deleted, pages: pages))
            }
            if next == token || pages >= Self.maxSyncPages {
                throw CalDAVError(
                    code: .malformedResponse, server: Self.serverName(calendar),
                    request: Self.requestLabel("REPORT", calendar), status: response.status,
                    detail: "the server keeps truncating the sync result (507) without advancing its token")
            }
            token = next
        }
    }
}
