import Foundation
import Testing

@testable import Config

/// The one reading of a zone name, for the configuration and for `--tz`.
@Suite struct ZoneNameTests {
    @Test(arguments: [
        ("Copenhagen", "Europe/Copenhagen"), ("Chicago", "America/Chicago"), ("Europe/Copenhagn", "Europe/Copenhagen"),
        ("new york", "America/New_York"),
    ])
    func aNearMissSuggestsTheZone(typed: String, suggested: String) {
        #expect(throws: ZoneName.Invalid.self) { try ZoneName.zone(typed) }
        #expect(ZoneName.suggestion(for: typed) == suggested)
        #expect(
            "\(ZoneName.Invalid(text: typed, suggestion: suggested))" == "\"\(typed)\" is not an IANA time zone; did you mean \(suggested)?"
        )
    }

    @Test func nothingCloseGetsTheGeneralHint() {
        #expect(ZoneName.suggestion(for: "Qwertyuiop") == nil)
        #expect(
            "\(ZoneName.Invalid(text: "Qwertyuiop", suggestion: nil))"
                == "\"Qwertyuiop\" is not an IANA time zone (use a name such as America/Chicago)")
    }

    @Test(arguments: ["Europe/Copenhagen", "Asia/Kolkata"])
    func realNamesAreTaken(name: String) throws {
        #expect(try ZoneName.zone(name).identifier == name)
    }

    @Test func utcIsTaken() throws {
        // Foundation on Linux calls it GMT; what matters is that it is accepted, at offset 0.
        #expect(try ZoneName.zone("UTC").secondsFromGMT() == 0)
    }

    @Test func abbreviationsAreNotZones() {
        #expect(throws: ZoneName.Invalid.self) { try ZoneName.zone("CET") }
    }
}
