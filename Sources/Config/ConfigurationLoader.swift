import Curl
import Foundation
import Mail
import Scheduling

/// Turns the TOML tables into a `SupportCalConfiguration`, naming the key of every problem.
struct ConfigurationLoader {
    let root: TableReader
    let file: URL

    var folder: URL { file.deletingLastPathComponent() }

    func load() throws(ConfigurationError) -> SupportCalConfiguration {
        let vendorZone = try root.timeZone("vendor_time_zone") ?? TimeZone(identifier: "UTC")!
        let dataDirectory = path(try root.string("data_directory") ?? "supportcal-data", relativeTo: folder)
        let policy = try loadPolicy(vendorZone: vendorZone)
        let sessionTypes = try loadSessionTypes()
        let feeSchedule = try loadFeeSchedule(vendorZone: vendorZone, offered: sessionTypes)
        let closures = try loadClosures()
        let staff = try loadStaff(dataDirectory: dataDirectory, closures: closures)
        let mail = try loadMail(dataDirectory: dataDirectory)
        let baseText = try root.string("public_base_url") ?? "http://127.0.0.1:8080"
        guard let base = URL(string: baseText), let scheme = base.scheme, ["http", "https"].contains(scheme), base.host != nil else {
            throw root.error("public_base_url", "\"\(baseText)\" is not an http(s) URL")
        }
        let signingVariable = try root.string("link_signing_key_env") ?? "SUPPORTCAL_LINK_KEY"
        let signingFile = path(try root.string("link_signing_key_file") ?? "link-signing.key", relativeTo: dataDirectory)
        let conference = try loadConference()
        let http = try loadHTTP()
        let sync = try loadSync()
        try root.finish()
        return SupportCalConfiguration(
            file: file, dataDirectory: dataDirectory, policy: policy, sessionTypes: sessionTypes,
            feeSchedule: feeSchedule, staff: staff, closures: closures, mail: mail, publicBaseURL: base,
            linkSigningKeyVariable: signingVariable, linkSigningKeyFile: signingFile, conference: conference, http: http, sync: sync)
    }

    func path(_ text: String, relativeTo base: URL) -> URL {
        URL(fileURLWithPath: (text as NSString).expandingTildeInPath, isDirectory: true, relativeTo: base).standardizedFileURL
    }

    private func minutes(_ table: TableReader, _ name: String, range: ClosedRange<Int> = 0...10_080) throws(ConfigurationError)
        -> TimeInterval?
    {
        try table.int(name, in: range).map { TimeInterval($0 * 60) }
    }

    private func loadPolicy(vendorZone: TimeZone) throws(ConfigurationError) -> Policy {
        var policy = Policy.default
        policy.vendorTimeZone = vendorZone
        guard let table = try root.table("policy") else { return policy }
        if let value = try minutes(table, "cancellation_cutoff_minutes") { policy.cancellationCutoff = value }
        if let value = try minutes(table, "no_show_grace_minutes") { policy.noShowGrace = value }
        if let value = try minutes(table, "minimum_notice_minutes") { policy.minimumNotice = value }
        if let value = try minutes(table, "slot_step_minutes", range: 5...240) { policy.slotStep = value }
        if let value = try minutes(table, "buffer_minutes", range: 0...240) { policy.bufferBetweenSessions = value }
        if let value = try table.int("no_show_limit", in: 1...100) { policy.noShowLimit = value }
        if let text = try table.string("reinstatement_fee") { policy.reinstatementFee = try money(text, table, "reinstatement_fee") }
        if let hours = try table.ints("reminder_hours_before") {
            guard hours.allSatisfy({ (1...720).contains($0) }) else {
                throw table.error("reminder_hours_before", "each must be between 1 and 720 hours")
            }
            policy.reminderLeadTimes = hours.map { TimeInterval($0 * 3600) }.sorted(by: >)
        }
        if let value = try minutes(table, "return_call_max_minutes", range: 1...120) { policy.returnCallMaxLength = value }
        if let value = try table.int("return_call_attempts", in: 1...10) { policy.returnCallAttempts = value }
        if let value = try minutes(table, "emergency_minimum_minutes", range: 5...240) { policy.emergencyMinimumLength = value }
        if let value = try table.int("wrong_code_limit", in: 1...100) { policy.wrongCodeLimit = value }
        if let value = try minutes(table, "wrong_code_window_minutes", range: 1...1440) { policy.wrongCodeWindow = value }
        if let days = try table.int("booking_horizon_days", in: 1...730) { policy.bookingHorizon = TimeInterval(days) * 86_400 }
        try table.finish()
        do { try policy.validate() } catch { throw table.error("", error.message) }
        return policy
    }

    private func loadSessionTypes() throws(ConfigurationError) -> [SessionType] {
        var types: [SessionType] = []
        let tables = try root.tables("session_kinds")
        if tables.isEmpty {
            return [
                SessionType(.liveSession, minutes: 30), SessionType(.liveSession, minutes: 60),
                SessionType(.phoneSupport, minutes: 30), SessionType(.phoneSupport, minutes: 60),
            ]
        }
        for table in tables {
            let name = try table.requiredString("kind")
            guard let kind = SessionKind(rawValue: name) else {
                throw table.error(
                    "kind", "\"\(name)\" is not a session kind (use \(SessionKind.allCases.map(\.rawValue).joined(separator: " or ")))")
            }
            guard let lengths = try table.ints("lengths"), !lengths.isEmpty else {
                throw table.error("lengths", "is required, e.g. [30, 60]")
            }
            for length in lengths {
                guard (5...480).contains(length) else {
                    throw table.error("lengths", "\(length) minutes is not a session length (5 to 480)")
                }
                types.append(SessionType(kind, minutes: length))
            }
            try table.finish()
        }
        return types.sorted()
    }

    private func loadFeeSchedule(vendorZone: TimeZone, offered: [SessionType]) throws(ConfigurationError) -> FeeSchedule {
        var versions: [FeeSchedule.Version] = []
        for table in try root.tables("fee_schedule") {
            let id = try table.requiredString("version")
            let dateText = try table.requiredString("effective_from")
            guard let date = LocalDate(dateText) else { throw table.error("effective_from", "\"\(dateText)\" is not a date (YYYY-MM-DD)") }
            guard let fees = try table.table("fees") else {
                throw table.error("fees", "is required: a table such as { \"live-session/60\" = \"140.00\" }")
            }
            var prices: [SessionType: Money] = [:]
            for name in fees.table.keys.sorted() {
                let parts = name.split(separator: "/")
                guard parts.count == 2, let kind = SessionKind(rawValue: String(parts[0])), let length = Int(parts[1]) else {
                    throw fees.error(name, "expected a key such as \"live-session/60\" (kind/minutes)")
                }
                let type = SessionType(kind, minutes: length)
                guard offered.contains(type) else { throw fees.error(name, "\(type) is not among the session_kinds offered") }
                prices[type] = try money(try fees.requiredString(name), fees, name)
            }
            try fees.finish()
            try table.finish()
            versions.append(FeeSchedule.Version(id: id, effectiveFrom: date, in: vendorZone, fees: prices))
        }
        do { return try FeeSchedule(versions: versions) } catch { throw root.error("fee_schedule", error.message) }
    }

    /// `[[closures]]`: days the whole vendor is closed (public holidays). Each is a day off
    /// for every staff member, on their own local calendar, whatever their exceptions say.
    private func loadClosures() throws(ConfigurationError) -> [Closure] {
        var closures: [Closure] = []
        for table in try root.tables("closures") {
            let text = try table.requiredString("date")
            guard let date = LocalDate(text) else { throw table.error("date", "\"\(text)\" is not a date (YYYY-MM-DD)") }
            let name = try table.string("name") ?? "Closed"
            try table.finish()
            closures.append(Closure(date: date, name: name))
        }
        return closures.sorted { $0.date < $1.date }
    }

    private func loadStaff(dataDirectory: URL, closures: [Closure]) throws(ConfigurationError) -> [StaffMember] {
        var members: [StaffMember] = []
        for table in try root.tables("staff") {
            let key = try table.requiredString("key")
            guard key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                throw table.error("key", "\"\(key)\" may hold only letters, digits, - and _")
            }
            guard !members.contains(where: { $0.key.rawValue == key }) else { throw table.error("key", "\"\(key)\" is used twice") }
            let name = try table.requiredString("name")
            let email = try table.requiredString("email")
            guard email.contains("@") else { throw table.error("email", "\"\(email)\" is not an email address") }
            guard let zone = try table.timeZone("time_zone") else {
                throw table.error("time_zone", "is required (an IANA name such as America/Chicago)")
            }
            let hours = try loadHours(table)
            var exceptions = try loadExceptions(table)
            for closure in closures { exceptions[closure.date] = .dayOff }
            let calendar = try loadCalendar(table, key: key, dataDirectory: dataDirectory)
            let isAdmin = try table.bool("admin") ?? false
            try table.finish()
            members.append(
                StaffMember(
                    staff: Staff(key: StaffKey(key), name: name, timeZone: zone, weeklyHours: hours, exceptions: exceptions),
                    email: email, calendar: calendar, isAdmin: isAdmin))
        }
        return members
    }

    private static let weekdays: [(String, Weekday)] = [
        ("mon", .monday), ("tue", .tuesday), ("wed", .wednesday), ("thu", .thursday), ("fri", .friday), ("sat", .saturday),
        ("sun", .sunday),
    ]

    private func ranges(_ texts: [String], _ table: TableReader, _ name: String) throws(ConfigurationError) -> [TimeOfDayRange] {
        var result: [TimeOfDayRange] = []
        for text in texts {
            guard let range = TimeOfDayRange(text) else {
                throw table.error(name, "\"\(text)\" is not a range of hours such as \"09:00-17:00\"")
            }
            result.append(range)
        }
        return result
    }

    private func loadHours(_ staff: TableReader) throws(ConfigurationError) -> WeeklyHours {
        guard let table = try staff.table("hours") else {
            throw staff.error("hours", "is required, e.g. { mon = [\"09:00-12:00\", \"13:00-17:00\"], tue = ... }")
        }
        var byWeekday: [Weekday: [TimeOfDayRange]] = [:]
        for (name, day) in Self.weekdays {
            if let texts = try table.strings(name) { byWeekday[day] = try ranges(texts, table, name) }
        }
        try table.finish()
        do { return try WeeklyHours(byWeekday) } catch { throw staff.error("hours", error.message) }
    }

    private func loadExceptions(_ staff: TableReader) throws(ConfigurationError) -> [LocalDate: DayException] {
        guard let table = try staff.table("exceptions") else { return [:] }
        var result: [LocalDate: DayException] = [:]
        for name in table.table.keys.sorted() {
            guard let date = LocalDate(name) else { throw table.error(name, "\"\(name)\" is not a date (YYYY-MM-DD)") }
            let texts = try table.strings(name) ?? []
            result[date] = texts == ["off"] ? .dayOff : .hours(try ranges(texts, table, name))
        }
        try table.finish()
        return result
    }

    private func loadCalendar(_ staff: TableReader, key: String, dataDirectory: URL) throws(ConfigurationError) -> CalendarSettings {
        guard let table = try staff.table("calendar") else {
            return .vdir(dataDirectory.appendingPathComponent("calendars/\(key)", isDirectory: true))
        }
        if let url = try table.string("caldav_url") {
            guard let parsed = URL(string: url), let scheme = parsed.scheme, ["http", "https"].contains(scheme) else {
                throw table.error("caldav_url", "\"\(url)\" is not an http(s) URL")
            }
            if table.has("vdir") { throw table.error("vdir", "a calendar is either caldav_url or vdir, not both") }
            let settings = CalendarSettings.caldav(
                url: parsed, user: try table.string("user"),
                passwordVariable: try table.string("password_env"),
                passwordFile: try table.string("password_file"))
            try table.finish()
            return settings
        }
        let folder = path(try table.string("vdir") ?? "calendars/\(key)", relativeTo: dataDirectory)
        try table.finish()
        return .vdir(folder)
    }

    private func money(_ text: String, _ table: TableReader, _ name: String) throws(ConfigurationError) -> Money {
        do {
            return try Money(parsing: text)
        } catch {
            throw table.error(name, error.message)
        }
    }
}
