import Foundation

/// Where the real servers started by `make test` listen, read from the environment.
///
/// A test that needs one fails when its variable is missing: a skipped integration
/// test would look like a passing one. Run the suite through `make test`.
public enum TestServers {
    public struct Missing: Error, CustomStringConvertible {
        public var variable: String
        public var description: String {
            "\(variable) is not set: run the tests with `make test`, which starts the CalDAV servers and aiosmtpd on loopback"
        }
    }

    public static func value(_ variable: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty else {
            throw Missing(variable: variable)
        }
        return value
    }

    /// Base URL of the Radicale server (`http://127.0.0.1:PORT/`).
    public static func radicale() throws -> URL { URL(string: try value("SUPPORTCAL_TEST_RADICALE_URL"))! }
    /// Base URL of the Xandikos server.
    public static func xandikos() throws -> URL { URL(string: try value("SUPPORTCAL_TEST_XANDIKOS_URL"))! }

    /// SabreDAV 1.8 under PHP's built-in server.
    public static func sabre() throws -> URL { URL(string: try value("SUPPORTCAL_TEST_SABRE_URL"))! }
    /// DAViCal 1.1 under PHP's built-in server (CalDAV under /caldav.php/).
    public static func davical() throws -> URL { URL(string: try value("SUPPORTCAL_TEST_DAVICAL_URL"))! }
    /// Cyrus IMAP 3.6's CalDAV (under /dav/), with implicit scheduling on.
    public static func cyrus() throws -> URL { URL(string: try value("SUPPORTCAL_TEST_CYRUS_URL"))! }
    /// The folder Cyrus's sendmail stand-in writes each message it was given to.
    public static func cyrusSentMail() throws -> URL { URL(fileURLWithPath: try value("SUPPORTCAL_TEST_CYRUS_SENDMAIL")) }
    /// `smtp://127.0.0.1:PORT` of aiosmtpd: no TLS, no auth.
    public static func smtp() throws -> String { try value("SUPPORTCAL_TEST_SMTP_URL") }
    /// aiosmtpd requiring STARTTLS, then AUTH as `user`.
    public static func smtpStartTLS() throws -> String { try value("SUPPORTCAL_TEST_SMTP_STARTTLS_URL") }
    /// aiosmtpd with TLS from the first byte, AUTH required.
    public static func smtps() throws -> String { try value("SUPPORTCAL_TEST_SMTPS_URL") }
    /// The self-signed certificate the SMTP listeners present.
    public static func smtpCA() throws -> String { try value("SUPPORTCAL_TEST_SMTP_CA") }
    /// The misbehaving HTTP fixture (Tests/servers/http_fixture.py).
    public static func fixture() throws -> URL { URL(string: try value("SUPPORTCAL_TEST_FIXTURE_URL"))! }
    /// The folder aiosmtpd writes each received message to, one file per message.
    public static func smtpSpool() throws -> URL { URL(fileURLWithPath: try value("SUPPORTCAL_TEST_SMTP_SPOOL")) }
    /// The Python interpreter that has `icalendar` and `vobject` installed.
    public static func python() throws -> String { try value("SUPPORTCAL_TEST_PYTHON") }

    /// The user every test server knows (Radicale and aiosmtpd check its password).
    public static let user = "staff"
    /// Read from the file the test command wrote, as production reads secrets.
    public static func password() throws -> String {
        let path = try value("SUPPORTCAL_TEST_PASSWORD_FILE")
        return try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// Paths in the repository and beside it.
public enum RepositoryPaths {
    /// The package root, found from this file's location.
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/corpus/ics` beside the repository.
    public static var corpus: URL {
        root.deletingLastPathComponent().appendingPathComponent("shared/corpus/ics")
    }

    public static var samples: URL { root.appendingPathComponent("Samples") }
}

/// Runs a program and returns its exit status and output.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

public func runProcess(_ executable: String, _ arguments: [String], stdin: String? = nil, environment: [String: String]? = nil) throws
    -> ProcessResult
{
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let environment { process.environment = environment }
    let out = Pipe()
    let err = Pipe()
    let input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    // Read both pipes before waiting so a chatty child cannot block on a full pipe.
    let group = DispatchGroup()
    nonisolated(unsafe) var errData = Data()
    group.enter()
    DispatchQueue.global().async {
        errData = err.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return ProcessResult(
        status: process.terminationStatus,
        stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self))
}
