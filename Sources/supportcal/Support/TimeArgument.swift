import ArgumentParser
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

/// An IANA zone name on the command line.
struct ZoneArgument: ExpressibleByArgument, Sendable {
    let identifier: String
    var zone: TimeZone { TimeZone(identifier: identifier)! }

    init?(argument: String) {
        guard TimeZone(identifier: argument) != nil, argument.contains("/") || argument == "UTC" else { return nil }
        identifier = argument
    }

    init(utc: Void = ()) { identifier = "UTC" }
}
