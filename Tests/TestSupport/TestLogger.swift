import Logging

/// The logger tests hand to libraries (which never make their own): errors only, so a
/// test's output stays about the test.
public let testLogger: Logger = {
    var logger = Logger(label: "supportcal.tests")
    logger.logLevel = .error
    return logger
}()
