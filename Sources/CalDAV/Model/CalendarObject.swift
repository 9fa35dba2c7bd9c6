import Foundation
import ICal

/// A stored object's address and version, as listings and sync reports give them.
public struct ObjectVersion: Sendable, Hashable, Codable {
    public var href: Href
    public var url: URL
    /// Nil only when the server gave none.
    public var etag: ETag?

    public init(href: Href, url: URL, etag: ETag?) {
        self.href = href
        self.url = url
        self.etag = etag
    }
}

/// A calendar object resource: the iCalendar text and the ETag it was read with.
public struct CalendarObject: Sendable, Hashable {
    public var href: Href
    public var url: URL
    public var etag: ETag?
    /// The iCalendar text exactly as the server returned it.
    public var data: String

    public init(href: Href, url: URL, etag: ETag?, data: String) {
        self.href = href
        self.url = url
        self.etag = etag
        self.data = data
    }

    public var version: ObjectVersion { ObjectVersion(href: href, url: url, etag: etag) }

    /// The text parsed by libical. Parsing is left to the caller so that a mirror
    /// of thousands of objects costs no parse until someone reads them.
    public func document() throws(ICalError) -> ICalDocument {
        try ICalDocument(parsing: data)
    }
}
