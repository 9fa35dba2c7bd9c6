import ArgumentParser
import Config
import Foundation
import Scheduling

/// A point in time on the command line: `2026-11-03T09:00:00Z`, `2026-11-03T09:00:00-06:00`,
/// `2026-11-03T09:00` (in the command's zone) or `2026-11-03` (midnight in that zone).
struct TimeArgument: ExpressibleByArgument, Sendable {
    let text: String

    init?(argument: String) {
        guard Self.parse(argument, in: TimeZone(identifier: "UTC")!) != nil else { return nil }
        text = argument
    }

    static var defaultCompletionKind: CompletionKind { .default }

    /// The instant, reading zone-less forms in `zone`.
    func instant(in zone: TimeZone) -> Date {
        Self.parse(text, in: zone)!
    }

    static func parse(_ text: String, in zone: TimeZone) -> Date? {
        InstantText.parse(text, in: zone)
    }
}

/// An IANA zone name on the command line, checked by the same code as the configuration's
/// zones, so a near miss gets the same suggestion (`--tz Copenhagen`: did you mean
/// Europe/Copenhagen?). Options take it with `transform: ZoneArgument.parse`.
struct ZoneArgument: Sendable {
    let identifier: String
    let zone: TimeZone

    static func parse(_ text: String) throws -> ZoneArgument {
        do throws(ZoneName.Invalid) {
            let zone = try ZoneName.zone(text)
            return ZoneArgument(identifier: text, zone: zone)
        } catch {
            throw ValidationError(error.description)
        }
    }

    private init(identifier: String, zone: TimeZone) {
        self.identifier = identifier
        self.zone = zone
    }

    init(utc: Void = ()) { self.init(identifier: "UTC", zone: TimeZone(identifier: "UTC")!) }
}
