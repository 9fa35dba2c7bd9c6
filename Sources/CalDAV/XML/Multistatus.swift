import Foundation

/// A 207 Multi-Status answer (RFC 4918 §13), read by namespace.
struct Multistatus: Sendable {
    struct PropStat: Sendable {
        var status: Int
        var properties: [XMLTreeElement]
    }

    struct Response: Sendable {
        var href: String
        /// The status of the whole response, when the server gave one instead of propstats
        /// (sync-collection's 404 for a deleted member, 507 for a truncated result).
        var status: Int?
        var propstats: [PropStat]
        /// DAV:error child names, such as `valid-sync-token`.
        var errors: [String]

        /// A property from a propstat whose status is 2xx; a property listed under
        /// 404 or 403 is absent, whatever its element holds.
        func property(_ name: PropertyName) -> XMLTreeElement? {
            for propstat in propstats where (200..<300).contains(propstat.status) {
                if let found = propstat.properties.first(where: { $0.is(name.namespace, name.name) }) { return found }
            }
            return nil
        }

        func text(_ name: PropertyName) -> String? {
            guard let element = property(name) else { return nil }
            let text = element.trimmedText
            return text.isEmpty ? nil : text
        }

        /// The first DAV:href inside a property (current-user-principal, calendar-home-set).
        func hrefs(in name: PropertyName) -> [String] {
            property(name)?.children(Namespace.dav, "href").map(\.trimmedText).filter { !$0.isEmpty } ?? []
        }
    }

    var responses: [Response]
    /// sync-collection's new token.
    var syncToken: String?

    init(_ root: XMLTreeElement) throws(XMLTree.ParseError) {
        guard root.is(Namespace.dav, "multistatus") else {
            throw XMLTree.ParseError(description: "expected a DAV:multistatus, got {\(root.namespace)}\(root.name)")
        }
        var responses: [Response] = []
        for element in root.children(Namespace.dav, "response") {
            guard let href = element.child(Namespace.dav, "href")?.trimmedText, !href.isEmpty else {
                throw XMLTree.ParseError(description: "a DAV:response without a DAV:href")
            }
            let propstats = element.children(Namespace.dav, "propstat").map { propstat in
                PropStat(
                    status: Self.status(propstat.child(Namespace.dav, "status")?.trimmedText) ?? 200,
                    properties: propstat.child(Namespace.dav, "prop")?.children ?? [])
            }
            let errors = element.child(Namespace.dav, "error")?.children.map(\.name) ?? []
            responses.append(
                Response(
                    href: href, status: Self.status(element.child(Namespace.dav, "status")?.trimmedText),
                    propstats: propstats, errors: errors))
        }
        self.responses = responses
        let token = root.child(Namespace.dav, "sync-token")?.trimmedText
        self.syncToken = token?.isEmpty == false ? token : nil
    }

    /// `HTTP/1.1 404 Not Found` → 404.
    static func status(_ line: String?) -> Int? {
        guard let line else { return nil }
        let parts = line.split(separator: " ")
        guard parts.count >= 2 else { return nil }
        return Int(parts[1])
    }
}

/// A DAV:error body (RFC 4918 §16): the names of the failed preconditions and any
/// human-readable description the server added.
///
/// Preconditions are the elements in the DAV: and CalDAV namespaces. A server's own
/// children are not: SabreDAV puts `s:exception`, `s:message` and `s:sabredav-version`
/// before `d:supported-report`, and sends only its own for a failed If-Match. Its
/// `s:message` is kept as the description when there is no `DAV:responsedescription`.
struct DAVErrorBody: Sendable {
    var conditions: [String]
    var description: String?

    init?(_ bytes: [UInt8]) {
        guard let root = try? XMLTree.parse(bytes), root.is(Namespace.dav, "error") else { return nil }
        let children = root.children.filter { !$0.is(Namespace.dav, "responsedescription") }
        conditions = children.filter { $0.namespace == Namespace.dav || $0.namespace == Namespace.caldav }.map(\.name)
        let text = (root.child(Namespace.dav, "responsedescription") ?? children.first { $0.name == "message" })?.trimmedText
        description = text?.isEmpty == false ? text : nil
        if conditions.isEmpty && description == nil { return nil }
    }
}
