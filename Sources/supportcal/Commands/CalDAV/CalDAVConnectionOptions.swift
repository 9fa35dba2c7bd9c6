import ArgumentParser
import CalDAV
import Curl
import Foundation
import Logging

/// How every `caldav` subcommand reaches the server: who, with which secret, how patiently.
struct CalDAVConnectionOptions: ParsableArguments {
    @Option(help: "User name on the CalDAV server (the password comes from $SUPPORTCAL_CALDAV_PASSWORD or --password-file).")
    var user: String?

    @Option(help: "A file holding the password (its first line). Overrides $SUPPORTCAL_CALDAV_PASSWORD.")
    var passwordFile: String?

    @Option(help: "A file holding an OAuth bearer token (Google), used instead of a user and password.")
    var bearerTokenFile: String?

    @Flag(help: "Use HTTP Digest instead of Basic authentication (older DAViCal, some NAS boxes).")
    var digest = false

    @Option(help: "Seconds a request may take before it is given up.")
    var timeout: Int = 30

    @Option(help: "A PEM file of CA certificates to trust (a server with a private CA).")
    var caFile: String?

    @Flag(help: "Log every request (method, path, status, duration) on standard error; never credentials.")
    var verbose = false

    func validate() throws {
        if timeout < 1 { throw ValidationError("--timeout must be at least 1 second") }
        if bearerTokenFile != nil, user != nil { throw ValidationError("use either --user or --bearer-token-file, not both") }
        if digest, user == nil { throw ValidationError("--digest needs --user") }
    }

    func authentication(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> HTTPAuthentication? {
        if let bearerTokenFile {
            return .bearer(token: try Self.secret(from: bearerTokenFile, what: "bearer token"))
        }
        guard let user else { return nil }
        let password: String
        if let passwordFile {
            password = try Self.secret(from: passwordFile, what: "password")
        } else if let fromEnvironment = environment["SUPPORTCAL_CALDAV_PASSWORD"], !fromEnvironment.isEmpty {
            password = fromEnvironment
        } else {
            throw CommandFailure(
                message: "no password for \(user): set SUPPORTCAL_CALDAV_PASSWORD or pass --password-file",
                exitCode: ExitStatus.usage)
        }
        return digest ? .digest(user: user, password: password) : .basic(user: user, password: password)
    }

    func client(for url: URL, multigetBatchSize: Int = 100) throws -> CalDAVClient {
        var logger = Logger(label: "supportcal.caldav")
        // Retry notices would break the one-line error promise; --verbose shows everything.
        logger.logLevel = verbose ? .debug : .error
        let options = CalDAVClient.Options(
            timeout: .seconds(timeout), connectTimeout: .seconds(min(timeout, 10)), caFile: caFile,
            multigetBatchSize: multigetBatchSize)
        return CalDAVClient(
            baseURL: url, authentication: try authentication(), options: options,
            http: HTTPClient(logger: logger), logger: logger)
    }

    private static func secret(from path: String, what: String) throws -> String {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw CommandFailure(
                message: "\(path): cannot read the \(what) file: \(error.localizedDescription)", exitCode: ExitStatus.usage)
        }
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        guard !line.isEmpty else {
            throw CommandFailure(message: "\(path): the \(what) file is empty", exitCode: ExitStatus.usage)
        }
        return line
    }
}

/// An http(s) URL on the command line.
struct ServerURL: ExpressibleByArgument, Sendable {
    let url: URL

    init?(argument: String) {
        guard let url = URL(string: argument), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            url.host?.isEmpty == false, url.user == nil, url.password == nil
        else { return nil }
        self.url = url
    }

    static var defaultCompletionKind: CompletionKind { .default }
}

extension CalDAVError {
    /// The one line a person reads; the error's own description already names the
    /// server, the request, the status and the server's words.
    var failure: CommandFailure { CommandFailure(message: description) }
}
