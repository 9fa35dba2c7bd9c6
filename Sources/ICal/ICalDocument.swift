internal import CLibical
import Foundation

/// A parsed, validated iCalendar object held as its canonical text.
///
/// The text is libical's serialization of what it parsed (CRLF, folded at 75 octets),
/// so properties SupportCal does not know (X- properties, VALARMs, unknown parameters)
/// survive a round trip. Operations re-read the text into a private libical tree,
/// so the value itself is `Sendable` and never shares C memory between tasks.
public struct ICalDocument: Sendable, Hashable, CustomStringConvertible {
    /// The canonical serialization.
    public let text: String
    /// Problems libical recovered from; the properties they concern were dropped.
    public let issues: [ICalIssue]

    /// Parses `text`, refusing it with an error that names what is wrong and where.
    public init(parsing text: String) throws(ICalError) {
        ICalRuntime.ensureConfigured()
        let summary = try SyntaxCheck.check(text)
        var issues: [ICalIssue] = []
        var source = text
        if summary.topLevel != ["VCALENDAR"] {
            source = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:\(BookingEvent.productID)\r\n" + text + "\r\nEND:VCALENDAR\r\n"
            issues.append(
                ICalIssue(
                    component: "VCALENDAR", message: "a bare \(summary.topLevel.joined(separator: ", ")) was read as if inside a VCALENDAR")
            )
        }
        let tree = try Self.parseTree(source)
        Self.collectIssues(in: tree.raw, path: Libical.name(of: tree.raw), into: &issues)
        self.text = tree.serialized()
        self.issues = issues
    }

    init(tree: ComponentTree) {
        self.text = tree.serialized()
        self.issues = []
    }

    public var description: String { text }

    /// The calendar's METHOD (iTIP), if any.
    public var method: String? {
        withTree { tree in
            Libical.firstProperty(ICAL_METHOD_PROPERTY, of: tree.raw).map { Libical.wireValue(of: $0) }
        }
    }

    /// Every VEVENT, as values.
    public var events: [ICalEvent] {
        withTree { tree in
            Libical.children(of: tree.raw, kind: ICAL_VEVENT_COMPONENT).map { ICalEvent(reading: $0, calendar: tree.raw) }
        }
    }

    /// The names of the top-level components (VEVENT, VTODO, VTIMEZONE, ...), in order.
    public var componentNames: [String] {
        withTree { tree in Libical.children(of: tree.raw).map(Libical.name(of:)) }
    }

    /// Runs `body` over a private tree of this document's text.
    func withTree<T>(_ body: (ComponentTree) throws -> T) rethrows -> T {
        // The text is libical's own output of a tree that parsed, so it parses again;
        // should it ever not, an empty calendar is safer than a crash.
        let tree = (try? Self.parseTree(text)) ?? ComponentTree(taking: icalcomponent_new_vcalendar())
        return try body(tree)
    }

    static func parseTree(_ text: String) throws(ICalError) -> ComponentTree {
        ICalRuntime.ensureConfigured()
        guard let raw = icalparser_parse_string(text) else {
            throw ICalError(.malformed, "libical could not read the text as iCalendar")
        }
        let tree = ComponentTree(taking: raw)
        let kind = icalcomponent_isa(raw)
        guard kind == ICAL_VCALENDAR_COMPONENT else {
            throw ICalError(.notACalendar, "expected a VCALENDAR, found \(Libical.name(of: raw))")
        }
        return tree
    }

    /// libical marks what it could not parse with X-LIC-ERROR properties; those are
    /// reported to the caller and removed, so they never leak into what we write.
    private static func collectIssues(in component: OpaquePointer, path: String, into issues: inout [ICalIssue]) {
        for property in Libical.properties(of: component, kind: ICAL_XLICERROR_PROPERTY) {
            issues.append(ICalIssue(component: path, message: Libical.textValue(of: property)))
            icalcomponent_remove_property(component, property)
            icalproperty_free(property)
        }
        for child in Libical.children(of: component) {
            collectIssues(in: child, path: path + "/" + Libical.name(of: child), into: &issues)
        }
    }
}
