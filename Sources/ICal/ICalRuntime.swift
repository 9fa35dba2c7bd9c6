internal import CLibical

/// libical keeps process-wide settings; they are applied exactly once, before any
/// tree is built, because changing them while other threads parse is unsafe.
enum ICalRuntime {
    private static let configured: Void = {
        // A malformed input must come back as an error value, never abort the process.
        icalerror_set_errors_are_fatal(0)
        // Warm the built-in zone table once, on whichever thread gets here first,
        // instead of lazily inside concurrent parses.
        _ = icaltimezone_get_builtin_timezones()
        _ = icaltimezone_get_utc_timezone()
    }()

    static func ensureConfigured() { _ = configured }
}
