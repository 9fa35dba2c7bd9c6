/// Builds request bodies. Prefixes are fixed here (d:, c:, cs:, a:); values are escaped.
enum XMLWriter {
    static let header = #"<?xml version="1.0" encoding="utf-8"?>"#
    static let namespaces =
        #"xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav" xmlns:cs="http://calendarserver.org/ns/" "#
        + #"xmlns:a="http://apple.com/ns/ical/""#

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(character)
            }
        }
        return out
    }

    /// `<root xmlns...>inner</root>` with the XML declaration, as bytes.
    static func document(_ root: String, _ inner: String) -> [UInt8] {
        Array("\(header)\n<\(root) \(namespaces)>\(inner)</\(root)>".utf8)
    }
}

/// A property to ask for, with the prefix `XMLWriter.namespaces` binds to its namespace.
struct PropertyName: Hashable, Sendable {
    var namespace: String
    var name: String

    var element: String {
        let prefix =
            switch namespace {
            case Namespace.dav: "d"
            case Namespace.caldav: "c"
            case Namespace.calendarServer: "cs"
            default: "a"
            }
        return "<\(prefix):\(name)/>"
    }

    static let resourceType = PropertyName(namespace: Namespace.dav, name: "resourcetype")
    static let displayName = PropertyName(namespace: Namespace.dav, name: "displayname")
    static let getETag = PropertyName(namespace: Namespace.dav, name: "getetag")
    static let getContentType = PropertyName(namespace: Namespace.dav, name: "getcontenttype")
    static let syncToken = PropertyName(namespace: Namespace.dav, name: "sync-token")
    static let supportedReportSet = PropertyName(namespace: Namespace.dav, name: "supported-report-set")
    static let currentUserPrincipal = PropertyName(namespace: Namespace.dav, name: "current-user-principal")
    static let calendarHomeSet = PropertyName(namespace: Namespace.caldav, name: "calendar-home-set")
    static let calendarData = PropertyName(namespace: Namespace.caldav, name: "calendar-data")
    static let supportedComponents = PropertyName(namespace: Namespace.caldav, name: "supported-calendar-component-set")
    static let calendarDescription = PropertyName(namespace: Namespace.caldav, name: "calendar-description")
    static let ctag = PropertyName(namespace: Namespace.calendarServer, name: "getctag")
    static let color = PropertyName(namespace: Namespace.apple, name: "calendar-color")

    static func prop(_ names: [PropertyName]) -> String {
        "<d:prop>" + names.map(\.element).joined() + "</d:prop>"
    }
}
