import Foundation

/// A calendar collection and the properties SupportCal reads from it.
public struct CalendarCollection: Sendable, Hashable, Codable {
    public var href: Href
    /// Where to send requests for it (always ends in `/`).
    public var url: URL
    public var displayName: String?
    /// Apple's `calendar-color`, as the server stores it (`#FF2968FF`).
    public var color: String?
    public var description: String?
    /// VEVENT, VTODO, ...; empty when the server did not say (RFC 4791: then any).
    public var supportedComponents: [String]
    /// CalendarServer's ctag: changes whenever anything in the calendar does.
    public var ctag: String?
    /// RFC 6578's token for the current state, when the server supports sync-collection.
    public var syncToken: String?
    /// The REPORTs the server advertises (`sync-collection`, `calendar-multiget`, ...);
    /// nil when it did not list them.
    public var supportedReports: Set<String>?

    public init(
        href: Href, url: URL, displayName: String? = nil, color: String? = nil, description: String? = nil,
        supportedComponents: [String] = [], ctag: String? = nil, syncToken: String? = nil,
        supportedReports: Set<String>? = nil
    ) {
        self.href = href
        self.url = url
        self.displayName = displayName
        self.color = color
        self.description = description
        self.supportedComponents = supportedComponents
        self.ctag = ctag
        self.syncToken = syncToken
        self.supportedReports = supportedReports
    }

    /// Whether events can be stored here.
    public var holdsEvents: Bool { supportedComponents.isEmpty || supportedComponents.contains("VEVENT") }

    /// False only when the server listed its reports and sync-collection was not among them.
    public var supportsSyncCollection: Bool { supportedReports?.contains("sync-collection") ?? true }
}

/// What discovery found from the URL a person gave.
public struct DiscoveryResult: Sendable, Hashable {
    /// The URL that finally answered (after `/.well-known/caldav` and redirects).
    public var contextURL: URL
    public var principal: URL?
    public var calendarHomes: [URL]
    public var calendars: [CalendarCollection]
}
