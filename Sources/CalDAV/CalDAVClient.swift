import Curl
import Foundation
import Logging

/// Talks WebDAV/CalDAV to one server on behalf of one account.
///
/// Safe to share between tasks. Every method either returns values or throws a
/// `CalDAVError` that names the server, the request, the status and what the server
/// said. Credentials go to libcurl only; they never reach a log line or an error.
public final class CalDAVClient: Sendable {
    /// Transfer settings applied to every request.
    public struct Options: Sendable {
        /// The whole exchange, connection included.
        public var timeout: Duration
        public var connectTimeout: Duration
        /// A PEM bundle to trust instead of the system's (a private CA).
        public var caFile: String?
        public var verifyTLS: Bool
        /// Objects per calendar-multiget REPORT: big enough to save round trips,
        /// small enough that no server times out building the answer.
        public var multigetBatchSize: Int

        public init(
            timeout: Duration = .seconds(30), connectTimeout: Duration = .seconds(10), caFile: String? = nil,
            verifyTLS: Bool = true, multigetBatchSize: Int = 100
        ) {
            self.timeout = timeout
            self.connectTimeout = connectTimeout
            self.caFile = caFile
            self.verifyTLS = verifyTLS
            self.multigetBatchSize = max(1, multigetBatchSize)
        }
    }

    /// The URL the client was pointed at; relative hrefs in answers resolve against
    /// the URL of the request that produced them, not this.
    public let baseURL: URL
    public let options: Options
    public let retry: RetryPolicy
    let authentication: HTTPAuthentication?
    let http: HTTPClient
    let logger: Logger
    private let recorder = MetricsRecorder()

    public init(
        baseURL: URL, authentication: HTTPAuthentication? = nil, options: Options = Options(),
        retry: RetryPolicy = .default, http: HTTPClient? = nil, logger: Logger
    ) {
        self.baseURL = baseURL
        self.authentication = authentication
        self.options = options
        self.retry = retry
        self.http = http ?? HTTPClient(logger: logger)  // the caller's logger all the way down to HTTP
        self.logger = logger
    }

    /// Totals since the client was made; take two snapshots and `since` for a delta.
    public var metrics: RequestMetrics { recorder.snapshot }

    /// `host:port` of `url`, as errors and logs name the server.
    public static func serverName(_ url: URL) -> String {
        let host = url.host ?? "(no host)"
        let port = url.port ?? (url.scheme?.lowercased() == "https" ? 443 : 80)
        return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    // MARK: - One exchange

    /// Sends one request, repeating it when the policy allows, and returns whatever
    /// status came back; only transport failures throw.
    func send(
        _ method: String, _ url: URL, headers: [HTTPHeader] = [], body: [UInt8]? = nil,
        followRedirects: Bool = false
    ) async throws(CalDAVError) -> HTTPResponse {
        var request = HTTPRequest(
            method: method, url: url.absoluteString, headers: headers, body: body, authentication: authentication,
            timeout: options.timeout, connectTimeout: options.connectTimeout, verifyTLS: options.verifyTLS,
            caFile: options.caFile, followRedirects: followRedirects)
        if body != nil, !headers.contains(where: { $0.name.caseInsensitiveCompare("Content-Type") == .orderedSame }) {
            request.headers.append(HTTPHeader("Content-Type", "application/xml; charset=utf-8"))
        }
        let repeatable = RetryPolicy.isRepeatable(method: method, headers: request.headers)
        let label = Self.requestLabel(method, url)
        var attempt = 1
        while true {
            let started = ContinuousClock.now
            let response: HTTPResponse
            do {
                response = try await http.send(request)
            } catch {
                recorder.record(method: method, sent: body?.count ?? 0, received: 0, isRetry: attempt > 1)
                if error.isTransient, repeatable, attempt < retry.maxAttempts {
                    let delay = retry.delay(afterAttempt: attempt, retryAfter: nil)
                    logger.notice(
                        "retrying after a transport failure",
                        metadata: [
                            "caldav.request": "\(label)", "caldav.server": "\(Self.serverName(url))",
                            "caldav.error": "\(error.code)", "caldav.attempt": "\(attempt)", "caldav.delay": "\(delay)",
                        ])
                    try await pause(delay, label: label, url: url)
                    attempt += 1
                    continue
                }
                throw transportError(error, label: label, url: url, attempts: attempt)
            }
            recorder.record(method: method, sent: body?.count ?? 0, received: response.body.count, isRetry: attempt > 1)
            logger.debug(
                "caldav exchange",
                metadata: [
                    "caldav.request": "\(label)", "caldav.server": "\(Self.serverName(url))",
                    "caldav.status": "\(response.status)", "caldav.bytes": "\(response.body.count)",
                    "caldav.duration": "\(ContinuousClock.now - started)",
                ])
            if url.scheme?.lowercased() == "https", response.effectiveURL.lowercased().hasPrefix("http:") {
                // Curl already refuses this; checked again because a downgrade would
                // send the next request's credentials in clear text.
                throw CalDAVError(
                    code: .invalidRequest, server: Self.serverName(url), request: label,
                    detail: "the server redirected from https to plain http; refused")
            }
            if response.status == 429 || response.status == 503, repeatable, attempt < retry.maxAttempts {
                let delay = retry.delay(afterAttempt: attempt, retryAfter: response.header("Retry-After"))
                logger.notice(
                    "server busy; retrying",
                    metadata: [
                        "caldav.request": "\(label)", "caldav.server": "\(Self.serverName(url))",
                        "caldav.status": "\(response.status)", "caldav.attempt": "\(attempt)",
                        "caldav.retry_after": "\(response.header("Retry-After") ?? "-")",
                    ])
                try await pause(delay, label: label, url: url)
                attempt += 1
                continue
            }
            return response
        }
    }

    private func pause(_ delay: Duration, label: String, url: URL) async throws(CalDAVError) {
        do {
            try await retry.sleep(delay)
        } catch {
            throw CalDAVError(code: .timedOut, server: Self.serverName(url), request: label, detail: "cancelled while waiting to retry")
        }
    }

    /// `PROPFIND /staff/cal/`: the method and the path, never the query or user info.
    static func requestLabel(_ method: String, _ url: URL) -> String {
        "\(method) \(Href(url: url).raw)"
    }

    private func transportError(_ error: CurlError, label: String, url: URL, attempts: Int) -> CalDAVError {
        let code: CalDAVError.Code =
            switch error.code {
            case .couldNotResolve, .couldNotConnect: .unreachable
            case .timedOut: .timedOut
            case .tls: .tls
            case .connectionLost: .connectionLost
            case .tooLarge: .tooLarge
            case .loginDenied: .unauthorized
            case .badRequest: .invalidRequest
            default: .unreachable
            }
        let tries = attempts > 1 ? " (after \(attempts) attempts)" : ""
        return CalDAVError(code: code, server: Self.serverName(url), request: label, detail: error.message + tries, underlying: error)
    }

    // MARK: - Reading answers

    /// The error for a response whose status was not what the request needed.
    func failure(_ response: HTTPResponse, method: String, url: URL) -> CalDAVError {
        let davError = DAVErrorBody(response.body)
        let condition = davError?.conditions.first
        let code: CalDAVError.Code
        if condition == "valid-sync-token" {
            code = .invalidSyncToken
        } else {
            switch response.status {
            case 401: code = .unauthorized
            case 403: code = condition.map(CalDAVError.Code.precondition) ?? .forbidden
            case 404, 410: code = .notFound
            case 412:
                // DAViCal names the failed HTTP condition itself (`<if-match/>`): a plain conflict.
                code =
                    condition.flatMap { ["if-match", "if-none-match"].contains($0) ? nil : $0 }.map(CalDAVError.Code.precondition)
                    ?? .conflict
            case 429, 503: code = .serverBusy
            default: code = condition.map(CalDAVError.Code.precondition) ?? .rejected
            }
        }
        let detail: String
        if let davError {
            detail =
                ([davError.conditions.isEmpty ? nil : "DAV:error " + davError.conditions.joined(separator: ", "), davError.description]
                .compactMap { $0 }).joined(separator: ": ")
        } else {
            detail = Self.trimmedBody(response)
        }
        return CalDAVError(
            code: code, server: Self.serverName(url), request: Self.requestLabel(method, url),
            status: response.status, detail: detail)
    }

    /// The server's body as one short line: whitespace collapsed, markup dropped.
    static func trimmedBody(_ response: HTTPResponse, limit: Int = 200) -> String {
        var text = response.bodyText
        if text.contains("<") {
            text = text.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
        }
        let words = text.split(whereSeparator: { $0.isWhitespace || $0.isNewline })
        let line = words.joined(separator: " ")
        return line.count > limit ? String(line.prefix(limit)) + "…" : line
    }

    /// Sends a request that must answer 207 and returns its multistatus.
    func multistatus(_ method: String, _ url: URL, depth: String?, body: [UInt8], followRedirects: Bool = false)
        async throws(CalDAVError) -> (Multistatus, HTTPResponse)
    {
        var headers: [HTTPHeader] = []
        if let depth { headers.append(HTTPHeader("Depth", depth)) }
        let response = try await send(method, url, headers: headers, body: body, followRedirects: followRedirects)
        guard response.status == 207 else {
            throw failure(response, method: method, url: url)
        }
        return (try parseMultistatus(response, method: method, url: url), response)
    }

    func parseMultistatus(_ response: HTTPResponse, method: String, url: URL) throws(CalDAVError) -> Multistatus {
        do {
            return try Multistatus(XMLTree.parse(response.body))
        } catch {
            throw CalDAVError(
                code: .malformedResponse, server: Self.serverName(url), request: Self.requestLabel(method, url),
                status: response.status, detail: "\(error.description); the body began: \(Self.trimmedBody(response, limit: 80))")
        }
    }

    /// The URL an href in an answer names, read against the URL that answered.
    func resolve(_ href: String, answeredBy response: HTTPResponse, fallback: URL) -> URL {
        HrefResolver.resolve(href, against: answeringURL(response, fallback: fallback)) ?? fallback
    }

    /// The URL that answered, after redirects, without user info.
    ///
    /// libcurl writes the credentials set with CURLOPT_USERNAME/PASSWORD into its
    /// effective URL once it has followed a redirect (`http://user:secret@host/`);
    /// every URL handed out or resolved against is stripped of them here.
    func answeringURL(_ response: HTTPResponse, fallback: URL) -> URL {
        guard var components = URLComponents(string: response.effectiveURL) else { return fallback }
        components.user = nil
        components.password = nil
        return components.url ?? fallback
    }
}
