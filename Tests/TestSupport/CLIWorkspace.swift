import Foundation

/// A throwaway SupportCal installation: a data folder and a configuration file, driven
/// through the real `supportcal` binary as an operator would.
public struct CLIWorkspace: Sendable {
    public let folder: URL
    public let config: URL
    /// Extra environment for every run (secrets named by the configuration).
    public var environment: [String: String] = [:]

    /// One staff member, Dana in Chicago, by default working weekdays 09:00–17:00; `mail`
    /// goes into the [mail] table (SMTP settings), `root` among the top-level keys; `extra` is appended to the TOML (more
    /// staff, policy numbers, fee versions).
    public init(
        hours: String =
            #"{ mon = ["09:00-17:00"], tue = ["09:00-17:00"], wed = ["09:00-17:00"], thu = ["09:00-17:00"], fri = ["09:00-17:00"] }"#,
        calendar: String = "", mail: String = "", root: String = "", extra: String = ""
    ) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("supportcal-cli-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        config = folder.appendingPathComponent("supportcal.toml")
        let toml = """
            data_directory = "data"
            vendor_time_zone = "America/Chicago"
            \(root)

            [[session_kinds]]
            kind = "live-session"
            lengths = [30, 60]

            [[fee_schedule]]
            version = "2026-a"
            effective_from = "2026-01-01"
            fees = { "live-session/30" = "75.00", "live-session/60" = "140.00" }

            [[fee_schedule]]
            version = "2027-a"
            effective_from = "2027-01-01"
            fees = { "live-session/30" = "80.00", "live-session/60" = "150.00" }

            [[staff]]
            key = "dana"
            name = "Dana Whitfield"
            email = "dana@vendor.example"
            time_zone = "America/Chicago"
            admin = true
            hours = \(hours)
            \(calendar)

            [mail]
            from = "Vendor Support <support@vendor.example>"
            \(mail)

            [conference]
            phone = "+1 555 0100"
            meeting_url_template = "https://meet.example/{booking}"

            """ + extra
        try Data(toml.utf8).write(to: config)
    }

    /// The installation most policy tests start from: company `acme` on `plan` (a plan
    /// brings the code ACME-CODE-1, until 2027-12-31) and its contact Eve in Kolkata.
    public static func acme(plan: String = "none", hours: String? = nil) throws -> CLIWorkspace {
        let workspace = try hours.map { try CLIWorkspace(hours: $0) } ?? CLIWorkspace()
        var add = ["companies", "add", "--id", "acme", "--name", "Acme Crating", "--plan", plan]
        if plan != "none" { add += ["--code", "ACME-CODE-1", "--plan-until", "2027-12-31"] }
        try workspace.ok(add, now: "2026-11-01T00:00:00Z")
        try workspace.ok(["contacts", "add", "--company", "acme", "--email", "eve@acme.example", "--name", "Eve", "--tz", "Asia/Kolkata"])
        return workspace
    }

    /// A `[[staff]]` table for `extra`: another staff member working weekdays 09:00–17:00.
    public static func staffTable(key: String, name: String, zone: String) -> String {
        """

        [[staff]]
        key = "\(key)"
        name = "\(name)"
        email = "\(key)@vendor.example"
        time_zone = "\(zone)"
        hours = { mon = ["09:00-17:00"], tue = ["09:00-17:00"], wed = ["09:00-17:00"], thu = ["09:00-17:00"], fri = ["09:00-17:00"] }
        """
    }

    public var data: URL { folder.appendingPathComponent("data") }
    public var mailFolder: URL { data.appendingPathComponent("mail/new") }
    public func calendarFolder(_ staff: String = "dana") -> URL { data.appendingPathComponent("calendars/\(staff)") }

    /// `supportcal --config FILE ARGS` (the config option goes after the subcommand path).
    @discardableResult
    public func run(_ arguments: [String], now: String? = nil) throws -> ProcessResult {
        var arguments = arguments + ["--config", config.path]
        if let now { arguments += ["--now", now] }
        return try SupportCalBinary.run(arguments, environment: environment)
    }

    /// Runs and requires exit 0, returning standard output.
    @discardableResult
    public func ok(_ arguments: [String], now: String? = nil) throws -> String {
        let result = try run(arguments, now: now)
        guard result.status == 0 else {
            throw Failure(
                description: "supportcal \(arguments.joined(separator: " ")) exited \(result.status): \(result.stderr)\(result.stdout)")
        }
        return result.stdout
    }

    /// Books and returns the booking id (JSON output).
    public func book(contact: String, start: String, length: Int = 60, code: String? = nil, now: String) throws -> String {
        var arguments = ["book", "--contact", contact, "--kind", "live-session", "--length", "\(length)", "--start", start, "--json"]
        if let code { arguments += ["--code", code] }
        let output = try ok(arguments, now: now)
        struct Booked: Decodable { var id: String }
        return try JSONDecoder().decode(Booked.self, from: Data(output.utf8)).id
    }

    /// Plans a return call for `contact` and returns its id (JSON output).
    public func requestCallback(contact: String, now: String) throws -> String {
        struct Planned: Decodable { var id: String }
        let output = try ok(["callbacks", "request", "--contact", contact, "--json"], now: now)
        return try JSONDecoder().decode(Planned.self, from: Data(output.utf8)).id
    }

    public func files(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    public func remove() {
        try? FileManager.default.removeItem(at: folder)
    }
}
