import Curl
import Foundation

/// The real CalDAV servers the test command starts, and what each is known to do its own
/// way. Tests take these as arguments; where a server lacks a feature the test's argument
/// list says so by name (`withSyncCollection`), so nothing is skipped silently.
public enum CalDAVTestServer: String, CaseIterable, Sendable, CustomStringConvertible {
    case radicale, xandikos, sabre, davical, cyrus

    public var description: String { rawValue }

    /// The server's root (`http://127.0.0.1:PORT/`), where discovery starts.
    public var root: URL {
        get throws {
            switch self {
            case .radicale: try TestServers.radicale()
            case .xandikos: try TestServers.xandikos()
            case .sabre: try TestServers.sabre()
            case .davical: try TestServers.davical()
            case .cyrus: try TestServers.cyrus()
            }
        }
    }

    /// Where the test user may make calendars: Radicale (owner_only rights) anywhere under
    /// /staff/, Xandikos inside the home its `--autocreate` made, the others in the user's
    /// calendar home.
    public var calendarHome: URL {
        get throws {
            switch self {
            case .radicale: try root.appendingPathComponent("staff/")
            case .xandikos: try root.appendingPathComponent("staff/calendars/")
            case .sabre: try root.appendingPathComponent("calendars/\(TestServers.user)/")
            case .davical: try root.appendingPathComponent("caldav.php/\(TestServers.user)/")
            case .cyrus: try root.appendingPathComponent("dav/calendars/user/\(TestServers.user)/")
            }
        }
    }

    /// The path of the test user's principal, as `current-user-principal` names it.
    public var principalPath: String {
        switch self {
        case .radicale, .xandikos: "/\(TestServers.user)/"
        case .sabre: "/principals/\(TestServers.user)/"
        case .davical: "/caldav.php/\(TestServers.user)/"
        case .cyrus: "/dav/principals/user/\(TestServers.user)/"
        }
    }

    /// Xandikos has no authentication of its own (it expects a proxy in front).
    public var authentication: HTTPAuthentication? {
        get throws {
            switch self {
            case .xandikos: nil
            default: .basic(user: TestServers.user, password: try TestServers.password())
            }
        }
    }

    /// SabreDAV 1.8 implements no sync-collection (RFC 6578): only ctag and ETags.
    public var hasSyncCollection: Bool { self != .sabre }

    /// Whether a second object with a UID the calendar holds is refused (RFC 4791's
    /// `no-uid-conflict`); SabreDAV 1.8 and DAViCal store it.
    public var refusesReusedUID: Bool { ![.sabre, .davical].contains(self) }

    /// Whether a sync token the server never issued is refused (`DAV:valid-sync-token`);
    /// DAViCal answers it with everything it holds, as if no token had been sent.
    public var refusesUnknownSyncTokens: Bool { hasSyncCollection && self != .davical }

    /// The precondition a reused UID is refused with: RFC 4791's, or Cyrus's RFC 6638 one
    /// (it refuses the UID across all of the user's calendars, scheduling or not).
    public var reusedUIDPrecondition: String { self == .cyrus ? "unique-scheduling-object-resource" : "no-uid-conflict" }

    /// Whether a PUT of an object with an invalid property name (`X_VENDOR_FLAG`) is
    /// stored; SabreDAV 1.8 validates every PUT and refuses it (415).
    public var storesUnreadableObjects: Bool { self != .sabre }

    public static var storingUnreadableObjects: [CalDAVTestServer] { allCases.filter(\.storesUnreadableObjects) }
    public static var withSyncCollection: [CalDAVTestServer] { allCases.filter(\.hasSyncCollection) }
    public static var refusingReusedUIDs: [CalDAVTestServer] { allCases.filter(\.refusesReusedUID) }
    public static var refusingUnknownSyncTokens: [CalDAVTestServer] { allCases.filter(\.refusesUnknownSyncTokens) }
}
