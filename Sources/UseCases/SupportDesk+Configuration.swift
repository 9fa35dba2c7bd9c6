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
import Synchronization

extension SupportDesk {
    /// The desk an installation runs: everything built from its configuration file.
    /// `busyCacheSeconds` is how long a calendar read answers later ones (the service
    /// shares one desk between requests; a command makes one read anyway).
    /// `keepsCalendarCopies` is for a long-running process: it keeps each CalDAV calendar's
    /// objects between syncs (`CalDAVObjectCopies`).
    public init(
        configuration: SupportCalConfiguration, store: SupportStore, busyCacheSeconds: TimeInterval = 10,
        keepsCalendarCopies: Bool = false, logger: Logger
    ) {
        let staff = configuration.staff.map(\.staff)
        let bookings = BookingDesk(
            store: store, policy: configuration.policy, feeSchedule: configuration.feeSchedule, staff: staff, hasher: PBKDF2CodeHasher())
        let calendars = StaffCalendars(configuration, copies: keepsCalendarCopies ? CalDAVObjectCopies() : nil, logger: logger)
        let eventBuilder = BookingEventBuilder(configuration)
        self.init(
            bookings: bookings, menu: SessionMenu(configuration.sessionTypes), eventBuilder: eventBuilder, calendars: calendars,
            busyTime: CalendarBusyTime(
                calendars: calendars, store: store, maximumAge: busyCacheSeconds,
                localSpan: configuration.policy.bookingHorizon + 2 * 86_400, logger: logger),
            mail: MailSetup { try MailSetup.configured(configuration, eventBuilder: eventBuilder) }, logger: logger)
    }
}

extension StaffCalendars {
    public init(_ configuration: SupportCalConfiguration, copies: CalDAVObjectCopies? = nil, logger: Logger) {
        let members = configuration.staff
        let isLocal: @Sendable (StaffKey) -> Bool = { key in
            guard case .vdir = members.first(where: { $0.key == key })?.calendar else { return false }
            return true
        }
        // Opened once per process: a CalDAV calendar's secret is read once, and its client
        // (and the connections it keeps) serves every later request.
        let opened = Mutex<[StaffKey: any StaffCalendar]>([:])
        self.init(staff: members.map(\.staff), isLocal: isLocal) { key in
            if let calendar = opened.withLock({ $0[key] }) { return calendar }
            guard let calendar = Self.open(members.first { $0.key == key }, copies: copies, logger: logger) else { return nil }
            opened.withLock { $0[key] = calendar }
            return calendar
        }
    }

    private static func open(_ member: StaffMember?, copies: CalDAVObjectCopies?, logger: Logger) -> (any StaffCalendar)? {
        guard let member else { return nil }
        switch member.calendar {
        case .vdir(let folder):
            return VdirCalendar(folder: folder)
        case .caldav(let url, let user, let passwordVariable, let passwordFile):
            // A missing secret is reported when the calendar is used (401), naming nothing secret.
            let password = (try? Secrets.read(variable: passwordVariable, file: passwordFile)) ?? nil
            let authentication = user.map { HTTPAuthentication.basic(user: $0, password: password ?? "") }
            let client = CalDAVClient(
                baseURL: url, authentication: authentication,
                options: .init(timeout: .seconds(30), connectTimeout: .seconds(5)), logger: logger)
            // A process that keeps no copies runs once (the nightly `supportcal sync`): it
            // checks each delta against the whole listing, one PROPFIND per calendar a night.
            return CalDAVCalendar(client: client, calendarURL: url, copies: copies, checksDeltasAgainstListing: copies == nil)
        }
    }
}

extension BookingEventBuilder {
    public init(_ configuration: SupportCalConfiguration) {
        let from = configuration.mail.from
        self.init(
            organizerName: from.name ?? "Support", organizerEmail: from.address,
            conferencePhone: configuration.conference.phone, meetingURLTemplate: configuration.conference.meetingURLTemplate)
    }
}

extension MailSetup {
    /// The composer and transport `[mail]` describes. Fails (naming the setting) when the
    /// templates, the link-signing key or the SMTP secret is unusable.
    public static func configured(_ configuration: SupportCalConfiguration, eventBuilder: BookingEventBuilder) throws -> Ready {
        (try composer(configuration, eventBuilder: eventBuilder), try transport(configuration))
    }

    /// What turns an outbox item into a message: templates, link key and addresses.
    public static func composer(_ configuration: SupportCalConfiguration, eventBuilder: BookingEventBuilder) throws -> NoticeComposer {
        let mail = configuration.mail
        let templates: NoticeTemplates
        do {
            templates = try NoticeTemplates(overridesIn: mail.templates)
        } catch {
            throw SetupError("[mail] templates: \(error)")
        }
        return NoticeComposer(
            eventBuilder: eventBuilder, templates: templates, signer: LinkSigner(key: try LinkKeyFile.key(configuration)),
            publicBaseURL: configuration.publicBaseURL, policy: configuration.policy, from: mail.from, replyTo: mail.replyTo)
    }

    /// Where email goes: the Maildir, or the SMTP server with its secret read now.
    public static func transport(_ configuration: SupportCalConfiguration) throws -> MailTransport {
        switch configuration.mail.transport {
        case .maildir(let folder):
            return .maildir(Maildir(folder: folder))
        case .smtp(let url, let security, let user, let passwordVariable, let passwordFile, let caFile):
            let password = try Secrets.read(variable: passwordVariable, file: passwordFile)
            let smtp = SMTPConfiguration(url: url, security: security, user: user, password: password, caFile: caFile)
            return .smtp(smtp, envelopeSender: configuration.mail.from.address)
        }
    }
}
