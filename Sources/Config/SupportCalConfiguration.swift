import Curl
import Foundation
import Mail
import Scheduling
import TOMLKit

/// Everything `supportcal` needs to run, read from one TOML file (see Samples/supportcal.toml).
///
/// Secrets are never in the file: it names the environment variables (or files) that hold
/// them, and they are read only when used.
public struct SupportCalConfiguration: Sendable {
    public var file: URL
    /// SQLite store, vdir calendars and the Maildir live here unless set otherwise.
    public var dataDirectory: URL
    public var policy: Policy
    /// What customers can book: each kind in each length.
    public var sessionTypes: [SessionType]
    public var feeSchedule: FeeSchedule
    public var staff: [StaffMember]
    /// Vendor-wide closed days, already applied to every staff member's hours.
    public var closures: [Closure]
    public var mail: MailSettings
    public var publicBaseURL: URL
    /// The environment variable holding the key that signs customers' links.
    public var linkSigningKeyVariable: String
    /// Read when the variable is not set; created (mode 0600) on first use.
    public var linkSigningKeyFile: URL
    public var conference: ConferenceSettings
    public var http: HTTPSettings
    public var sync: SyncSettings = .defaults

    public var databasePath: URL { dataDirectory.appendingPathComponent("supportcal.sqlite") }

    /// The file to read: `--config`, else `$SUPPORTCAL_CONFIG`, else `./supportcal.toml`.
    public static func locate(
        explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: String = FileManager.default.currentDirectoryPath
    ) -> URL {
        let base = URL(fileURLWithPath: currentDirectory, isDirectory: true)
        if let explicit, !explicit.isEmpty { return URL(fileURLWithPath: explicit, relativeTo: base).standardizedFileURL }
        if let fromEnvironment = environment["SUPPORTCAL_CONFIG"], !fromEnvironment.isEmpty {
            return URL(fileURLWithPath: fromEnvironment, relativeTo: base).standardizedFileURL
        }
        return base.appendingPathComponent("supportcal.toml")
    }

    public static func load(from file: URL) throws(ConfigurationError) -> SupportCalConfiguration {
        let source = file.path
        let text: String
        do {
            text = try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw ConfigurationError(
                source: source, key: "",
                problem: FileManager.default.fileExists(atPath: file.path)
                    ? "cannot read the file: \(error.localizedDescription)"
                    : "no such file (pass --config FILE, set SUPPORTCAL_CONFIG, or copy Samples/supportcal.toml to ./supportcal.toml)")
        }
        return try parse(text, file: file)
    }

    public static func parse(_ text: String, file: URL) throws(ConfigurationError) -> SupportCalConfiguration {
        let source = file.path
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigurationError(
                source: source, key: "",
                problem: "line \(error.source.begin.line), column \(error.source.begin.column): \(error.description)")
        } catch {
            throw ConfigurationError(source: source, key: "", problem: "not valid TOML: \(error)")
        }
        return try ConfigurationLoader(root: TableReader(table, path: "", source: source), file: file).load()
    }
}

/// A staff member as configured: the policy's view plus how to reach their calendar.
public struct StaffMember: Sendable, Hashable {
    public var staff: Staff
    public var email: String
    public var calendar: CalendarSettings
    /// `admin = true`: may change plans, codes and payments in the staff console.
    public var isAdmin = false

    public var key: StaffKey { staff.key }
}

public enum CalendarSettings: Sendable, Hashable {
    /// A folder of .ics files (the format khal and vdirsyncer read).
    case vdir(URL)
    /// A CalDAV calendar collection.
    case caldav(url: URL, user: String?, passwordVariable: String?, passwordFile: String?)
}

public struct MailSettings: Sendable, Hashable {
    public enum Transport: Sendable, Hashable {
        /// Messages are written to a Maildir instead of being sent (the embedded default).
        case maildir(URL)
        /// `caFile`: a CA bundle for a server whose certificate the system does not trust.
        /// `security` is `nil` when the file leaves it to the URL's scheme.
        case smtp(
            url: String, security: SMTPConfiguration.Security?, user: String?, passwordVariable: String?, passwordFile: String?,
            caFile: String?)
    }

    /// Checked when the file is loaded, so a bad address is refused at start, naming its key.
    public var from: Mailbox
    public var replyTo: Mailbox?
    public var transport: Transport
    /// A folder of `<template>.mustache` files replacing built-in email templates.
    public var templates: URL?

    /// Where customers write to a person: `reply_to` when set, else `from`.
    public var supportAddress: String { (replyTo ?? from).address }
}

public struct ConferenceSettings: Sendable, Hashable {
    /// The conference line customers dial.
    public var phone: String?
    /// The meeting link; `{booking}` is replaced by the booking id.
    public var meetingURLTemplate: String?

    public func meetingURL(booking: String) -> String? {
        meetingURLTemplate?.replacingOccurrences(of: "{booking}", with: booking)
    }
}

/// `[sync]`: how soon `supportcal serve` notices what staff changed in their calendars.
public struct SyncSettings: Sendable, Hashable {
    /// Seconds between the cheap checks of each CalDAV staff calendar (one PROPFIND Depth 0
    /// of its sync token or ctag); only a changed calendar is then synced.
    public var pollSeconds: Int

    public static let defaults = SyncSettings(pollSeconds: 30)
}

/// `supportcal serve`: where it listens, the tokens staff and the conference system use,
/// and how often its background jobs run.
public struct HTTPSettings: Sendable, Hashable {
    public var address: String
    public var port: Int
    /// Environment variables holding the bearer tokens (never the tokens themselves).
    public var staffTokenVariable: String
    public var webhookTokenVariable: String
    public var syncIntervalMinutes: Int
    /// Behind a reverse proxy every request comes from it: take the client address from
    /// the last X-Forwarded-For entry instead (only when the proxy sets it).
    public var trustForwardedFor: Bool
    /// Wrong maintenance codes from one client address, across companies, per window.
    public var codeAttemptsPerAddress: Int

    public static let defaults = HTTPSettings(
        address: "127.0.0.1", port: 8080, staffTokenVariable: "SUPPORTCAL_STAFF_TOKEN",
        webhookTokenVariable: "SUPPORTCAL_WEBHOOK_TOKEN", syncIntervalMinutes: 5,
        trustForwardedFor: false, codeAttemptsPerAddress: 5)
}
