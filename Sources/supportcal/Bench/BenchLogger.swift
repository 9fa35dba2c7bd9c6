import Logging

/// The logger the benchmarks hand to the libraries: warnings and worse only, so the
/// figures are not interleaved with debug lines.
enum BenchLogger {
    static let quiet: Logger = {
        var logger = Logger(label: "supportcal.bench")
        logger.logLevel = .warning
        return logger
    }()
}
