import Curl
import Foundation
import ICal

/// What a PUT may assume about the object already at its URL.
public enum WriteCondition: Sendable, Hashable {
    /// `If-None-Match: *`: only if nothing is there, so a repeat never makes a second event.
    case create
    /// `If-Match`: only if the object is still the version read (a staff edit wins otherwise).
    case ifMatch(ETag)
    /// No condition: overwrite whatever is there. For set-up and tests, not for sync.
    case unconditional
}

extension CalDAVClient {
    /// The URL for an object named `name` (any characters) in `calendar`.
    public func objectURL(named name: String, in calendar: URL) -> URL {
        HrefResolver.member(name, of: calendar)
    }

    /// GET: the object's text and ETag.
    public func get(_ url: URL) async throws(CalDAVError) -> CalendarObject {
        let response = try await send("GET", url, headers: [HTTPHeader("Accept", "text/calendar")])
        guard response.status == 200 else { throw failure(response, method: "GET", url: url) }
        let answered = answeringURL(response, fallback: url)
        return CalendarObject(
            href: Href(url: answered), url: answered,
            etag: response.header("ETag").map { ETag.ofResource($0, contentEncoding: response.header("Content-Encoding")) },
            data: response.bodyText)
    }

    /// PUT with `If-None-Match: *`. A 412 (`.conflict`) means an object is already at
    /// `url`; a reused UID elsewhere is `.precondition("no-uid-conflict")`.
    public func create(_ data: String, at url: URL) async throws(CalDAVError) -> ObjectVersion {
        try await put(data, at: url, condition: .create)
    }

    public func create(_ document: ICalDocument, at url: URL) async throws(CalDAVError) -> ObjectVersion {
        try await put(document.text, at: url, condition: .create)
    }

    /// PUT with `If-Match`. A 412 (`.conflict`) means someone changed it since `etag`.
    public func update(_ data: String, at url: URL, ifMatch etag: ETag) async throws(CalDAVError) -> ObjectVersion {
        try await put(data, at: url, condition: .ifMatch(etag))
    }

    public func update(_ document: ICalDocument, at url: URL, ifMatch etag: ETag) async throws(CalDAVError) -> ObjectVersion {
        try await put(document.text, at: url, condition: .ifMatch(etag))
    }

    /// PUT, returning the new ETag: from the response, or (Google, Cyrus and SabreDAV
    /// send none when they rewrote the body) from a follow-up PROPFIND.
    public func put(_ data: String, at url: URL, condition: WriteCondition) async throws(CalDAVError) -> ObjectVersion {
        var headers = [HTTPHeader("Content-Type", "text/calendar; charset=utf-8")]
        switch condition {
        case .create: headers.append(HTTPHeader("If-None-Match", "*"))
        case .ifMatch(let etag): headers.append(HTTPHeader("If-Match", etag.value))
        case .unconditional: break
        }
        let response = try await send("PUT", url, headers: headers, body: Array(data.utf8))
        guard response.isSuccess else { throw failure(response, method: "PUT", url: url) }
        if let etag = response.header("ETag"), !etag.isEmpty {
            return ObjectVersion(href: Href(url: url), url: url, etag: ETag(etag))
        }
        return ObjectVersion(href: Href(url: url), url: url, etag: try await etag(of: url))
    }

    /// DELETE, with `If-Match` when an ETag is given. Also removes a whole collection.
    public func delete(_ url: URL, ifMatch etag: ETag? = nil) async throws(CalDAVError) {
        let headers = etag.map { [HTTPHeader("If-Match", $0.value)] } ?? []
        let response = try await send("DELETE", url, headers: headers)
        guard response.isSuccess else { throw failure(response, method: "DELETE", url: url) }
    }

    /// The current ETag of one resource (PROPFIND Depth 0), nil if the server has none.
    public func etag(of url: URL) async throws(CalDAVError) -> ETag? {
        let body = XMLWriter.document("d:propfind", PropertyName.prop([.getETag]))
        let (multistatus, _) = try await multistatus("PROPFIND", url, depth: "0", body: body)
        let target = Href(url: url)
        let item = multistatus.responses.first { Href($0.href) == target } ?? multistatus.responses.first
        return item?.text(.getETag).map(ETag.init)
    }
}
