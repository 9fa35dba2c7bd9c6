import Foundation

/// The messages a recipient received, as Python's `email` package and the `icalendar`
/// parser read them (Tests/servers/imip_check.py): an independent reading of what
/// SupportCal sent.
public struct SentMail: Decodable, Sendable {
    public struct Attendee: Decodable, Sendable {
        public var address: String
        public var rsvp: String?
        public var partstat: String?
    }

    public struct Event: Decodable, Sendable {
        public var uid: String
        public var sequence: Int
        public var status: String
        public var dtstamp: Bool
        public var summary: String
        public var organizer: String
        public var attendees: [Attendee]
        public var tzids: [String]
        public var start_utc: String
        /// The start in the contact's zone, computed by Python's zoneinfo.
        public var start_local: String
    }

    public struct Calendar: Decodable, Sendable {
        public var method: String
        public var vtimezones: [String]
        public var events: [Event]
        public var crlf_only: Bool
        public var longest_line_octets: Int
        public var sequence_lines: Int
    }

    public var message_id: String
    public var subject: String
    public var from: String
    public var to: [String]
    public var to_names: [String]
    public var reply_to: String
    public var header_names: [String]
    public var envelope_to: String
    public var auto_submitted: String
    public var structure: [String]
    public var longest_raw_line: Int
    public var bare_lf: Bool
    public var text: String
    public var html: String
    public var method_param: String?
    public var calendar: Calendar?
    /// The text/calendar part as sent (for `InvitationReaders`).
    public var calendar_text: String?
    public var attachment_type: String?
    public var attachment_same_as_calendar: Bool?

    /// The outbox key's kind, from the Message-ID (`<m.mail.b-….1.reschedule-confirmation@supportcal>`).
    public var kind: String {
        let local = message_id.trimmingCharacters(in: CharacterSet(charactersIn: "<>")).split(separator: "@")[0]
        return local.split(separator: ".").dropFirst(4).joined(separator: ".")
    }

    /// Every message in `maildir` addressed to `recipient`, oldest first by Message-ID sequence.
    public static func read(_ maildir: URL, to recipient: String, zone: String) throws -> [SentMail] {
        let script = RepositoryPaths.root.appendingPathComponent("Tests/servers/imip_check.py").path
        let result = try runProcess(try TestServers.python(), [script, maildir.path, recipient, zone])
        guard result.status == 0 else { throw CLIWorkspace.Failure(description: "imip_check.py failed: \(result.stderr)") }
        return try JSONDecoder().decode([SentMail].self, from: Data(result.stdout.utf8))
    }
}
