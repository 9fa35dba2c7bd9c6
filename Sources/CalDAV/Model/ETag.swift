import Foundation

/// An entity tag exactly as the server sent it, quotes and any `W/` included.
///
/// Kept verbatim because `If-Match` must echo it byte for byte: some servers hand
/// out weak ETags (`W/"..."`) and compare them as strings.
public struct ETag: Hashable, Sendable, Codable, CustomStringConvertible {
    public let value: String

    public init(_ value: String) {
        self.value = value.trimmingCharacters(in: .whitespaces)
    }

    /// A weak validator (RFC 9110 §8.8.1).
    public var isWeak: Bool { value.hasPrefix("W/") }

    /// The resource's own ETag behind one a server gave a compressed answer: Cyrus weakens
    /// it (`W/"abc"` for `"abc"`), Apache's mod_deflate appends `-gzip` (`"abc-gzip"`).
    /// Listings and multigets report the uncompressed one, and If-Match wants that too.
    public static func ofResource(_ header: String, contentEncoding: String?) -> ETag {
        guard let encoding = contentEncoding?.trimmingCharacters(in: .whitespaces).lowercased(), !encoding.isEmpty,
            encoding != "identity"
        else { return ETag(header) }
        var value = header.trimmingCharacters(in: .whitespaces)
        if value.hasPrefix("W/") { value.removeFirst(2) }
        if value.hasSuffix("-\(encoding)\"") { value = String(value.dropLast(encoding.count + 2)) + "\"" }
        return ETag(value)
    }

    public var description: String { value }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
