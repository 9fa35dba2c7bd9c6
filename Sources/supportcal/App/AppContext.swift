import CalDAV
import Config
import Curl
import Foundation
import Logging
import Mail
import Operations
import Scheduling
import Store
import Sync

/// Everything a command needs, built once from the configuration: the composition root.
struct AppContext {
    let configuration: SupportCalConfiguration
    let store: SupportStore
    let now: Date
    let logger: Logger
    /// Held by `sweep` and `sync`, which must not run twice at once.
    var lock: SweepLock? = nil
    let hasher = PBKDF2CodeHasher()

    var policy: Policy { configuration.policy }
    var staff: [Staff] { configuration.staff.map(\.staff) }

    /// Loads the configuration and opens (creating or migrating) the store. A bad
    /// configuration is a usage error (exit 2) naming the key.
    ///
    /// `exclusive` takes the sweep lock first. Holding it proves no other sweep or sync is
    /// alive, so outbox items a killed one left claimed are taken over at once instead of
    /// after the claim timeout.
    static func open(_ options: GlobalOptions, logLevel: Logger.Level = .warning, exclusive: Bool = false) throws -> AppContext {
        let file = SupportCalConfiguration.locate(explicit: options.config)
        let configuration: SupportCalConfiguration
        do {
            configuration = try SupportCalConfiguration.load(from: file)
        } catch {
            throw CommandFailure(message: "\(error)", exitCode: ExitStatus.usage)
        }
        var logger = Logger(label: "supportcal")
        logger.logLevel = logLevel
        let lock = exclusive ? try SweepLock(folder: configuration.dataDirectory) : nil
        var retry = OutboxRetryPolicy.default
        if exclusive { retry.claimTimeout = 0 }
        let store: SupportStore
        do {
            store = try SupportStore(path: configuration.databasePath.path, outboxRetry: retry, logger: logger)
        } catch {
            lock?.release()
            throw CommandFailure(message: "\(configuration.databasePath.path): \(error)")
        }
        let context = AppContext(configuration: configuration, store: store, now: options.instant, logger: logger, lock: lock)
        try context.mirrorStaff()
        return context
    }

    /// The store keeps a row per staff member for its foreign keys; the configuration is
    /// the source of truth, so it is mirrored in whenever they differ.
    private func mirrorStaff() throws {
        let profiles = configuration.staff.map { StaffProfile($0.staff, email: $0.email) }
        let stored = try store.read { tx in try tx.staffProfiles() }
        guard Set(stored) != Set(profiles) else { return }
        try store.write { tx in try tx.mirrorStaff(profiles) }
    }

    /// The same context deciding at another instant: the service's jobs run with the clock.
    func at(_ instant: Date) -> AppContext {
        AppContext(configuration: configuration, store: store, now: instant, logger: logger, lock: lock)
    }

    var desk: BookingDesk {
        BookingDesk(store: store, policy: policy, feeSchedule: configuration.feeSchedule, staff: staff, hasher: hasher)
    }

    func actor(_ command: String) -> BookingDesk.Actor {
        BookingDesk.Actor("cli:\(ProcessInfo.processInfo.userName)", via: "supportcal \(command)")
    }

    func calendar(for key: StaffKey) -> (any StaffCalendar)? {
        guard let member = configuration.staff.first(where: { $0.key == key }) else { return nil }
        switch member.calendar {
        case .vdir(let folder):
            return VdirCalendar(folder: folder)
        case .caldav(let url, let user, let passwordVariable, let passwordFile):
            // A missing secret is reported when the calendar is used, naming the variable.
            let password = (try? Secrets.read(variable: passwordVariable, file: passwordFile)) ?? nil
            let authentication = user.map { HTTPAuthentication.basic(user: $0, password: password ?? "") }
            let client = CalDAVClient(
                baseURL: url, authentication: authentication,
                options: .init(timeout: .seconds(30), connectTimeout: .seconds(5)), logger: logger)
            return CalDAVCalendar(client: client, calendarURL: url)
        }
    }

    /// Every staff member whose calendar this build can read.
    var calendars: [(staff: Staff, calendar: any StaffCalendar)] {
        configuration.staff.compactMap { member in calendar(for: member.key).map { (member.staff, $0) } }
    }

    var eventBuilder: BookingEventBuilder {
        BookingEventBuilder(
            organizerName: configuration.mail.fromName ?? "Support", organizerEmail: configuration.mail.fromAddress,
            conferencePhone: configuration.conference.phone, meetingURLTemplate: configuration.conference.meetingURLTemplate)
    }

    /// The composer for customers' emails. Fails (naming the setting) when the templates,
    /// the link-signing key or an address in `[mail]` is unusable.
    func composer() throws -> NoticeComposer {
        let mail = configuration.mail
        let templates: NoticeTemplates
        do {
            templates = try NoticeTemplates(overridesIn: mail.templates)
        } catch {
            throw CommandFailure(message: "[mail] templates: \(error)", exitCode: ExitStatus.usage)
        }
        let from: Mailbox
        let replyTo: Mailbox?
        do {
            from = try Mailbox(parsing: mail.from)
            replyTo = try mail.replyTo.map { text throws(Mailbox.InvalidAddress) in try Mailbox(parsing: text) }
        } catch {
            throw CommandFailure(message: "[mail]: \(error)", exitCode: ExitStatus.usage)
        }
        return NoticeComposer(
            eventBuilder: eventBuilder, templates: templates, signer: LinkSigner(key: try LinkKeyFile.key(configuration)),
            publicBaseURL: configuration.publicBaseURL, policy: policy, from: from, replyTo: replyTo)
    }

    /// Where email goes: the Maildir, or the SMTP server with its secret read now.
    func mailTransport() throws -> MailTransport {
        switch configuration.mail.transport {
        case .maildir(let folder):
            return .maildir(Maildir(folder: folder))
        case .smtp(let url, let security, let user, let passwordVariable, let passwordFile, let caFile):
            let password = try Secrets.read(variable: passwordVariable, file: passwordFile)
            let smtp = SMTPConfiguration(
                url: url, security: security.flatMap(SMTPConfiguration.Security.init(rawValue:)),
                user: user, password: password, caFile: caFile)
            return .smtp(smtp, envelopeSender: configuration.mail.fromAddress)
        }
    }

    /// Reads staff members' own events for `[from, to)` into the store, so a slot list or a
    /// booking sees what is in their calendars now. `live` includes CalDAV calendars (a
    /// booking re-checks the server); without it only local vdirs are read, and CalDAV busy
    /// time comes from the last `sync`. A server that cannot be reached leaves the last
    /// known busy time in place: the booking still stands, and is delivered later.
    func refreshBusy(from: Date, to: Date, live: Bool = true) async throws {
        let selected = calendars.filter { live || $0.calendar is VdirCalendar }
        let result = try await CalendarBusyRefresh(store: store).refresh(selected, from: from, to: to)
        for (calendar, problem) in result.failures {
            logger.warning(
                "calendar not re-checked; using the last synced busy time",
                metadata: ["calendar.location": "\(calendar)", "error.message": "\(problem)"])
        }
        for (calendar, objects) in result.unreadable {
            for object in objects {
                logger.warning(
                    "unreadable calendar object skipped",
                    metadata: [
                        "calendar.location": "\(calendar)", "calendar.object": "\(object.name)", "calendar.problem": "\(object.reason)",
                    ])
            }
        }
    }
}

extension MailSettings {
    /// The address part of `from` ("Support <support@x>" or a bare address).
    var fromAddress: String {
        if let open = from.lastIndex(of: "<"), let close = from.lastIndex(of: ">"), open < close {
            return String(from[from.index(after: open)..<close])
        }
        return from.trimmingCharacters(in: .whitespaces)
    }

    /// Where customers write to a person: `reply_to` when set, else `from`.
    var supportAddress: String {
        guard let replyTo, let mailbox = try? Mailbox(parsing: replyTo) else { return fromAddress }
        return mailbox.address
    }

    var fromName: String? {
        guard let open = from.lastIndex(of: "<") else { return nil }
        let name = from[..<open].trimmingCharacters(in: CharacterSet(charactersIn: " \""))
        return name.isEmpty ? nil : name
    }
}
