import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The namespaces CalDAV answers use. Elements are matched by these URIs and their
/// local names, never by prefix: Radicale writes `C:`, Xandikos `ns1:`, others none.
enum Namespace {
    static let dav = "DAV:"
    static let caldav = "urn:ietf:params:xml:ns:caldav"
    static let calendarServer = "http://calendarserver.org/ns/"
    static let apple = "http://apple.com/ns/ical/"
}

/// A namespace-qualified XML element with its children, read from a server's answer.
struct XMLTreeElement: Sendable {
    var namespace: String
    var name: String
    var attributes: [String: String] = [:]
    var children: [XMLTreeElement] = []
    /// The character data directly inside this element (not its children's).
    var text: String = ""

    func `is`(_ namespace: String, _ name: String) -> Bool {
        self.name == name && self.namespace == namespace
    }

    func child(_ namespace: String, _ name: String) -> XMLTreeElement? {
        children.first { $0.is(namespace, name) }
    }

    func children(_ namespace: String, _ name: String) -> [XMLTreeElement] {
        children.filter { $0.is(namespace, name) }
    }

    var trimmedText: String { text.trimmingCharacters(in: .whitespacesAndNewlines) }
}

/// Parses an XML answer into `XMLTreeElement`s with FoundationXML (libxml2 underneath).
enum XMLTree {
    struct ParseError: Error, CustomStringConvertible {
        var description: String
    }

    static func parse(_ bytes: [UInt8]) throws(ParseError) -> XMLTreeElement {
        // WebDAV never needs a DTD (RFC 4918 §20.6), and a DTD is how entity tricks
        // (external files, billion laughs) arrive: refuse one before libxml2 sees it.
        if containsDTD(bytes) {
            throw ParseError(description: "the XML declares a DTD, which a WebDAV answer never needs (refused, nothing resolved)")
        }
        let builder = TreeBuilder()
        let parser = XMLParser(data: Data(bytes))
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        let finished = parser.parse()
        // libxml2 can report success on a document cut off mid-element; only a closed
        // root element means the whole answer arrived.
        if !finished || parser.parserError != nil || builder.root == nil || !builder.stack.isEmpty {
            let line = parser.lineNumber
            let reason = builder.root == nil && builder.stack.isEmpty ? "not XML" : "truncated or not well-formed"
            throw ParseError(description: "the XML is \(reason) (near line \(line))")
        }
        return builder.root!
    }

    private static func containsDTD(_ bytes: [UInt8]) -> Bool {
        let marker = Array("<!DOCTYPE".utf8)
        let upper = bytes.prefix(4096).map { $0 >= 97 && $0 <= 122 ? $0 - 32 : $0 }
        guard upper.count >= marker.count else { return false }
        return (0...(upper.count - marker.count)).contains { start in
            upper[start..<(start + marker.count)].elementsEqual(marker)
        }
    }
}

/// Receives libxml2's SAX events on the parsing thread; lives for one parse only.
private final class TreeBuilder: NSObject, XMLParserDelegate {
    var stack: [XMLTreeElement] = []
    var root: XMLTreeElement?

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
        stack.append(XMLTreeElement(namespace: namespaceURI ?? "", name: elementName, attributes: attributeDict))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        guard let done = stack.popLast() else { return }
        if stack.isEmpty {
            root = done
        } else {
            stack[stack.count - 1].children.append(done)
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? {
        nil
    }
}
