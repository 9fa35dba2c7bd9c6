import Foundation

/// A resource's path on the server, as the server spells it.
///
/// Servers percent-encode differently from each other and from what was sent
/// (Xandikos answers `a%20b@c.ics` for a PUT to `a%20b%40c.ics`), and some write
/// absolute URLs where others write paths. Two hrefs are equal when their decoded
/// paths are, ignoring a trailing slash, so they key dictionaries safely.
public struct Href: Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    /// The path as received or built, percent-encoded (`/staff/cal/a%20b.ics`).
    public let raw: String
    /// The percent-decoded path without a trailing slash: what comparisons use.
    public let decodedPath: String

    public init(_ raw: String) {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        let path = Href.pathPart(of: trimmed)
        self.raw = path
        var decoded = path.removingPercentEncoding ?? path
        while decoded.count > 1, decoded.hasSuffix("/") { decoded.removeLast() }
        self.decodedPath = decoded
    }

    /// The href of a URL: its percent-encoded path.
    public init(url: URL) {
        self.init(url.absoluteString)
    }

    public var description: String { raw }

    /// The last path segment, decoded (`a b@c.ics`).
    public var lastSegment: String {
        decodedPath.split(separator: "/").last.map(String.init) ?? ""
    }

    public static func == (lhs: Href, rhs: Href) -> Bool { lhs.decodedPath == rhs.decodedPath }
    public func hash(into hasher: inout Hasher) { hasher.combine(decodedPath) }
    public static func < (lhs: Href, rhs: Href) -> Bool { lhs.decodedPath < rhs.decodedPath }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(raw)
    }

    /// The path of an absolute URL, or the href itself when it is already a path;
    /// query and fragment are dropped.
    private static func pathPart(of href: String) -> String {
        var rest = Substring(href)
        if let scheme = rest.range(of: "://") {
            rest = rest[scheme.upperBound...]
            rest = rest.firstIndex(of: "/").map { rest[$0...] } ?? "/"
        }
        if let cut = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<cut] }
        return String(rest)
    }
}

/// Percent-encoding and resolution of hrefs against the URL that produced them.
enum HrefResolver {
    /// RFC 3986 unreserved characters; everything else in a name is encoded, so a
    /// space, `@`, `%` or `é` in an object name reaches every server the same way.
    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    static func encode(segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: unreserved) ?? segment
    }

    /// Characters a path may hold as they are; anything else (raw spaces, non-ASCII
    /// from a careless server) is encoded before the href is read as a URL.
    private static let pathAllowed: CharacterSet = {
        var set = unreserved
        set.insert(charactersIn: "/%!$&'()*+,;=:@")
        return set
    }()

    /// The absolute URL `href` names, read relative to `base` (the request's URL).
    static func resolve(_ href: String, against base: URL) -> URL? {
        let trimmed = href.trimmingCharacters(in: .whitespacesAndNewlines)
        if let url = URL(string: trimmed, relativeTo: base)?.absoluteURL { return url }
        let repaired = trimmed.addingPercentEncoding(withAllowedCharacters: pathAllowed.union(CharacterSet(charactersIn: "?#"))) ?? trimmed
        return URL(string: repaired, relativeTo: base)?.absoluteURL
    }

    /// `collection` with a trailing slash, so relative names resolve inside it.
    static func asCollection(_ url: URL) -> URL {
        let text = url.absoluteString
        if text.hasSuffix("/") { return url }
        return URL(string: text + "/") ?? url
    }

    /// The URL of `name` inside `collection`, the name encoded as one segment.
    static func member(_ name: String, of collection: URL, isCollection: Bool = false) -> URL {
        let base = asCollection(collection).absoluteString
        return URL(string: base + encode(segment: name) + (isCollection ? "/" : ""))!
    }
}
