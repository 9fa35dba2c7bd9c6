import ArgumentParser
import Foundation

/// Options every command that works on the store shares.
struct GlobalOptions: ParsableArguments {
    @Option(help: "Configuration file (default: $SUPPORTCAL_CONFIG, else ./supportcal.toml).")
    var config: String?

    @Flag(help: "Print machine-readable JSON instead of text.")
    var json = false

    @Option(help: ArgumentHelp("Decide as if it were this instant (ISO-8601), for replays and tests.", valueName: "instant"))
    var now: TimeArgument?

    /// The instant decisions are made at: `--now`, or the clock.
    var instant: Date { now?.instant(in: TimeZone(identifier: "UTC")!) ?? Date() }
}
