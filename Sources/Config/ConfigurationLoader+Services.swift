import Curl
import Foundation
import Mail
import Scheduling

/// `[mail]`, `[http]`, `[sync]` and `[conference]`: how SupportCal reaches people.
extension ConfigurationLoader {
    func loadMail(dataDirectory: URL) throws(ConfigurationError) -> MailSettings {
        guard let table = try root.table("mail") else {
            return MailSettings(
                from: Self.defaultFrom, replyTo: nil,
                transport: .maildir(dataDirectory.appendingPathComponent("mail", isDirectory: true)),
                templates: nil)
        }
        let from = try table.string("from").map { text throws(ConfigurationError) in try Self.mailbox(text, key: "from", in: table) }
        let replyTo = try table.string("reply_to").map { text throws(ConfigurationError) in
            try Self.mailbox(text, key: "reply_to", in: table)
        }
        let transport: MailSettings.Transport
        if let url = try table.string("smtp_url") {
            guard url.hasPrefix("smtp://") || url.hasPrefix("smtps://") else {
                throw table.error("smtp_url", "\"\(url)\" must start with smtp:// or smtps://")
            }
            let security = try table.string("smtp_security").map { text throws(ConfigurationError) in
                guard let security = SMTPConfiguration.Security(rawValue: text) else {
                    throw table.error("smtp_security", "\"\(text)\" is not one of none, starttls, tls")
                }
                return security
            }
            transport = .smtp(
                url: url, security: security, user: try table.string("smtp_user"),
                passwordVariable: try table.string("smtp_password_env"), passwordFile: try table.string("smtp_password_file"),
                caFile: try table.string("smtp_ca_file").map { path($0, relativeTo: folder).path })
        } else {
            transport = .maildir(path(try table.string("maildir") ?? "mail", relativeTo: dataDirectory))
        }
        let templates = try table.string("templates").map { path($0, relativeTo: folder) }
        try table.finish()
        return MailSettings(from: from ?? Self.defaultFrom, replyTo: replyTo, transport: transport, templates: templates)
    }

    /// Without `[mail] from`: a name Mailbox accepts (a domain with a dot), for the Maildir
    /// of the embedded setup; a real installation sets its own (the sample does).
    private static let defaultFrom = try! Mailbox(name: "SupportCal", address: "support@localhost.localdomain")

    private static func mailbox(_ text: String, key: String, in table: TableReader) throws(ConfigurationError) -> Mailbox {
        do throws(Mailbox.InvalidAddress) {
            return try Mailbox(parsing: text)
        } catch {
            throw table.error(key, "\(error); write \"Name <address@example.com>\" or a bare address")
        }
    }

    func loadHTTP() throws(ConfigurationError) -> HTTPSettings {
        guard let table = try root.table("http") else { return .defaults }
        var settings = HTTPSettings.defaults
        settings.address = try table.string("address") ?? settings.address
        settings.port = try table.int("port") ?? settings.port
        guard (1...65535).contains(settings.port) else { throw table.error("port", "\(settings.port) is not a TCP port") }
        settings.staffTokenVariable = try table.string("staff_token_env") ?? settings.staffTokenVariable
        settings.webhookTokenVariable = try table.string("webhook_token_env") ?? settings.webhookTokenVariable
        settings.syncIntervalMinutes = try table.int("sync_interval_minutes") ?? settings.syncIntervalMinutes
        guard settings.syncIntervalMinutes >= 1 else { throw table.error("sync_interval_minutes", "must be at least 1") }
        settings.trustForwardedFor = try table.bool("trust_forwarded_for") ?? settings.trustForwardedFor
        settings.codeAttemptsPerAddress = try table.int("code_attempts_per_address") ?? settings.codeAttemptsPerAddress
        guard settings.codeAttemptsPerAddress >= 1 else { throw table.error("code_attempts_per_address", "must be at least 1") }
        try table.finish()
        return settings
    }

    func loadSync() throws(ConfigurationError) -> SyncSettings {
        guard let table = try root.table("sync") else { return .defaults }
        var settings = SyncSettings.defaults
        settings.pollSeconds = try table.int("poll_seconds") ?? settings.pollSeconds
        guard settings.pollSeconds >= 1 else { throw table.error("poll_seconds", "must be at least 1") }
        try table.finish()
        return settings
    }

    func loadConference() throws(ConfigurationError) -> ConferenceSettings {
        guard let table = try root.table("conference") else { return ConferenceSettings(phone: nil, meetingURLTemplate: nil) }
        let settings = ConferenceSettings(phone: try table.string("phone"), meetingURLTemplate: try table.string("meeting_url_template"))
        try table.finish()
        return settings
    }
}
