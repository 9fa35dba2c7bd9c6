import Foundation
import TestSupport
import Testing

@testable import Config
@testable import Scheduling

@Suite struct ConfigurationTests {
    let file = URL(fileURLWithPath: "/etc/supportcal/supportcal.toml")

    func parse(_ text: String) throws -> SupportCalConfiguration {
        try SupportCalConfiguration.parse(text, file: file)
    }

    static let minimal = """
        vendor_time_zone = "America/Chicago"
        [[staff]]
        key = "dana"
        name = "Dana"
        email = "dana@vendor.example"
        time_zone = "America/Chicago"
        hours = { mon = ["09:00-17:00"] }
        """

    @Test func theSampleLoadsAsItIs() throws {
        let sample = RepositoryPaths.samples.appendingPathComponent("supportcal.toml")
        let configuration = try SupportCalConfiguration.load(from: sample)
        #expect(configuration.staff.map(\.key.rawValue) == ["dana", "jonas"])
        #expect(configuration.policy.cancellationCutoff == 65 * 60)
        #expect(configuration.policy.vendorTimeZone.identifier == "America/Chicago")
        #expect(configuration.sessionTypes.count == 4)
        #expect(configuration.feeSchedule.versions.count == 2)
        #expect(configuration.dataDirectory.path == RepositoryPaths.root.appendingPathComponent("supportcal-data").path)
        #expect(
            configuration.staff[1].calendar
                == .vdir(configuration.dataDirectory.appendingPathComponent("calendars/jonas", isDirectory: true)))
        #expect(configuration.staff[0].staff.exceptions[LocalDate("2026-12-24")!] == .dayOff)
        #expect(configuration.conference.meetingURL(booking: "b-1") == "https://meet.vendor.example/support/b-1")
        // Christmas is closed for everyone, not just Dana (who also has 24 December off).
        #expect(configuration.closures.map(\.name).contains("Christmas Day"))
        for member in configuration.staff { #expect(member.staff.exceptions[LocalDate("2026-12-25")!] == .dayOff) }
        #expect(configuration.policy.bookingHorizon == 90 * 86_400)
        #expect(configuration.staff.map(\.isAdmin) == [true, false])
    }

    @Test func adminIsOffUnlessAStaffMemberIsMarkedSo() throws {
        #expect(try parse(Self.minimal).staff[0].isAdmin == false)
        #expect(try parse(Self.minimal + "\nadmin = true").staff[0].isAdmin == true)
        #expect(throws: ConfigurationError.self) { try parse(Self.minimal + "\nadmin = \"yes\"") }
    }

    @Test func closuresAreADayOffForEveryStaffMemberWhateverTheirExceptions() throws {
        let configuration = try parse(
            Self.minimal + """

                exceptions = { "2026-12-28" = ["10:00-12:00"] }
                [[staff]]
                key = "jonas"
                name = "Jonas"
                email = "jonas@vendor.example"
                time_zone = "Europe/Berlin"
                hours = { mon = ["08:00-16:00"] }

                [[closures]]
                date = "2026-12-28"
                name = "Company day off"
                """)
        #expect(configuration.closures == [Closure(date: LocalDate("2026-12-28")!, name: "Company day off")])
        // Monday 28 December: both would work; neither does, in their own zones.
        for member in configuration.staff {
            #expect(member.staff.hours(on: LocalDate("2026-12-28")!).isEmpty, "\(member.key)")
            #expect(!member.staff.hours(on: LocalDate("2027-01-04")!).isEmpty)
        }
    }

    @Test(arguments: [("date = \"28 December\"", "closures[0].date"), ("date = \"2026-12-28\"\nnme = \"x\"", "closures[0]")])
    func aBadClosureIsRefusedWithItsKey(entry: String, key: String) {
        #expect {
            _ = try parse(Self.minimal + "\n[[closures]]\n" + entry + "\n")
        } throws: { "\($0)".contains(key) }
    }

    @Test(arguments: [(30, true), (0, false), (1000, false)])
    func theBookingHorizonIsConfigurable(days: Int, valid: Bool) throws {
        let text = Self.minimal + "\n[policy]\nbooking_horizon_days = \(days)\n"
        if valid {
            #expect(try parse(text).policy.bookingHorizon == TimeInterval(days) * 86_400)
        } else {
            #expect(throws: (any Error).self) { try parse(text) }
        }
    }

    @Test(arguments: [(nil, 30), ("5", 5), ("1", 1), ("0", nil), ("\"fast\"", nil)] as [(String?, Int?)])
    func thePollIntervalIsThirtySecondsUnlessSet(value: String?, expected: Int?) throws {
        let text = Self.minimal + (value.map { "\n[sync]\npoll_seconds = \($0)\n" } ?? "")
        if let expected {
            #expect(try parse(text).sync.pollSeconds == expected)
        } else {
            let error = try #require(throws: ConfigurationError.self) { try parse(text) }
            #expect(error.description.contains("poll_seconds"))
        }
    }

    @Test func defaultsComeFromThePolicyDocument() throws {
        let configuration = try parse(Self.minimal)
        var expected = Policy.default
        expected.vendorTimeZone = TimeZone(identifier: "America/Chicago")!
        #expect(configuration.policy == expected)
        #expect(configuration.dataDirectory.path == "/etc/supportcal/supportcal-data")
        if case .maildir(let folder) = configuration.mail.transport {
            #expect(folder.path == "/etc/supportcal/supportcal-data/mail")
        } else {
            Issue.record("the default mail transport is a Maildir")
        }
    }

    @Test func feesTakeEffectAtMidnightInTheVendorZone() throws {
        let configuration = try parse(
            Self.minimal + """

                [[fee_schedule]]
                version = "v1"
                effective_from = "2026-01-01"
                fees = { "live-session/60" = "140.00" }
                [[fee_schedule]]
                version = "v2"
                effective_from = "2027-01-01"
                fees = { "live-session/60" = "150.50" }
                """)
        let type = SessionType(.liveSession, minutes: 60)
        // Midnight in Chicago on 1 January 2027 is 06:00Z.
        #expect(configuration.feeSchedule.quote(type, at: SampleBooking.date("2027-01-01T05:59:00Z"))?.versionID == "v1")
        #expect(configuration.feeSchedule.quote(type, at: SampleBooking.date("2027-01-01T06:00:00Z"))?.fee == Money(cents: 15_050))
    }

    @Test(arguments: [
        ("vendor_time_zone = \"Mars/Base\"", "vendor_time_zone"),
        (
            "[[staff]]\nkey = \"x\"\nname = \"X\"\nemail = \"x@v.example\"\ntime_zone = \"Chicago\"\nhours = { mon = [\"09:00-17:00\"] }",
            "staff[0].time_zone"
        ),
        (
            "[[staff]]\nkey = \"x\"\nname = \"X\"\nemail = \"x@v.example\"\ntime_zone = \"UTC\"\nhours = { mon = [\"9-5\"] }",
            "staff[0].hours.mon"
        ),
        ("[[staff]]\nkey = \"x\"\nname = \"X\"\nemail = \"x@v.example\"\ntime_zon = \"UTC\"", "staff[0].time_zone"),
        ("[policy]\ncancellation_cutoff = 65", "policy.cancellation_cutoff"),
        ("[policy]\nno_show_grace_minutes = \"ten\"", "policy.no_show_grace_minutes"),
        ("[[fee_schedule]]\nversion = \"v\"\neffective_from = \"2026-13-01\"\nfees = {}", "fee_schedule[0].effective_from"),
        (
            "[[fee_schedule]]\nversion = \"v\"\neffective_from = \"2026-01-01\"\nfees = { \"live-session/60\" = \"12.5\" }",
            "fee_schedule[0].fees.live-session/60"
        ),
        ("[mail]\nsmtp_url = \"http://mail\"", "mail.smtp_url"),
        ("[mail]\nfrom = \"Support <support at vendor>\"", "mail.from"),
        ("[mail]\nreply_to = \"help@vendor.example, boss@vendor.example\"", "mail.reply_to"),
        ("[mail]\nsmtp_url = \"smtp://mail\"\nsmtp_security = \"ssl\"", "mail.smtp_security"),
        ("public_base_url = \"ftp://x\"", "public_base_url"),
        ("colour = \"blue\"", "colour"),
    ])
    func aWrongKeyOrValueIsRefusedWithTheKeyNamed(text: String, key: String) {
        #expect {
            _ = try parse(text)
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            return error.key == key && "\(error)".contains(key) && "\(error)".contains(file.path)
        }
    }

    @Test func mailAddressesAndSecurityAreValuesOnceLoaded() throws {
        let configuration = try parse(
            """
            [mail]
            from = "\\"Vendor Support\\" <support@vendor.example>"
            reply_to = "help@vendor.example"
            smtp_url = "smtp://mail.vendor.example:587"
            smtp_security = "starttls"
            """)
        #expect(configuration.mail.from.name == "Vendor Support")
        #expect(configuration.mail.from.address == "support@vendor.example")
        #expect(configuration.mail.replyTo?.address == "help@vendor.example")
        #expect(configuration.mail.supportAddress == "help@vendor.example")
        guard case .smtp(_, let security, _, _, _, _) = configuration.mail.transport else {
            Issue.record("expected SMTP, got \(configuration.mail.transport)")
            return
        }
        #expect(security == .startTLS)
        // Without [mail]: a sender the composer accepts, and customers write to it.
        let defaults = try parse("")
        #expect(defaults.mail.from.address == "support@localhost.localdomain")
        #expect(defaults.mail.supportAddress == "support@localhost.localdomain")
    }

    @Test func aTypoSuggestsTheKeyMeant() {
        #expect {
            _ = try parse("[policy]\nno_show_grace_minute = 10")
        } throws: { "\($0)".contains("did you mean policy.no_show_grace_minutes?") }
    }

    @Test func brokenTOMLNamesTheLine() {
        #expect {
            _ = try parse("vendor_time_zone = \"UTC\"\n\nstaff = [\n")
        } throws: { "\($0)".contains("line ") }
    }

    @Test(arguments: [
        (nil as String?, ["SUPPORTCAL_CONFIG": "/srv/sc.toml"], "/srv/sc.toml"),
        ("given.toml", ["SUPPORTCAL_CONFIG": "/srv/sc.toml"], "/work/given.toml"),
        (nil, [:], "/work/supportcal.toml"),
    ])
    func theFileIsFoundFromFlagThenEnvironmentThenHere(flag: String?, environment: [String: String], expected: String) {
        #expect(SupportCalConfiguration.locate(explicit: flag, environment: environment, currentDirectory: "/work").path == expected)
    }

    @Test func aMissingFileSaysHowToProvideOne() {
        #expect {
            _ = try SupportCalConfiguration.load(from: URL(fileURLWithPath: "/nonexistent/supportcal.toml"))
        } throws: { "\($0)".contains("SUPPORTCAL_CONFIG") }
    }
}
