import Curl

/// A CalDAV exchange that did not give what was asked: the server was not reached,
/// refused, disagreed (a stale ETag, a reused UID) or answered something unreadable.
///
/// It always says which server, which request, which status and what the server
/// said, so the one line a person reads is enough to act on. It never holds
/// credentials: `server` is host:port and `request` is a method and a path.
public struct CalDAVError: Error, CustomStringConvertible, Sendable {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: Hashable {
            case unreachable, timedOut, tls, connectionLost, tooLarge, invalidRequest
            case unauthorized, forbidden, notFound, conflict
            case precondition(String)
            case serverBusy, rejected, malformedResponse, notCalDAV, invalidSyncToken
        }
        private let value: Value

        /// The host did not resolve or refused the connection.
        public static let unreachable = Code(value: .unreachable)
        public static let timedOut = Code(value: .timedOut)
        public static let tls = Code(value: .tls)
        /// The server closed the connection mid-answer (and retrying did not help).
        public static let connectionLost = Code(value: .connectionLost)
        public static let tooLarge = Code(value: .tooLarge)
        /// The URL or request could not even be sent (a malformed URL, an https→http redirect).
        public static let invalidRequest = Code(value: .invalidRequest)
        /// 401: wrong or missing credentials.
        public static let unauthorized = Code(value: .unauthorized)
        /// 403 without a DAV precondition: the account may not do this.
        public static let forbidden = Code(value: .forbidden)
        /// 404 or 410.
        public static let notFound = Code(value: .notFound)
        /// 412 on a conditional write: the object changed since its ETag was read, or
        /// (`If-None-Match: *`) it already exists. Re-read it and decide.
        public static let conflict = Code(value: .conflict)
        /// A named precondition from a DAV:error body (RFC 4918 §16), such as
        /// `no-uid-conflict` or `valid-calendar-data`.
        public static func precondition(_ name: String) -> Code { Code(value: .precondition(name)) }
        /// 429 or 503 that outlasted the retries.
        public static let serverBusy = Code(value: .serverBusy)
        /// Any other 4xx or 5xx.
        public static let rejected = Code(value: .rejected)
        /// The answer was not the XML (or iCalendar) it should have been.
        public static let malformedResponse = Code(value: .malformedResponse)
        /// The server answered, but discovery found no CalDAV principal or calendar home.
        public static let notCalDAV = Code(value: .notCalDAV)
        /// A sync token the server no longer accepts (DAV:valid-sync-token).
        public static let invalidSyncToken = Code(value: .invalidSyncToken)

        /// The precondition's element name, for `.precondition` codes.
        public var preconditionName: String? {
            if case .precondition(let name) = value { return name }
            return nil
        }

        public var description: String {
            switch value {
            case .unreachable: "server unreachable"
            case .timedOut: "timed out"
            case .tls: "TLS failure"
            case .connectionLost: "connection lost"
            case .tooLarge: "response too large"
            case .invalidRequest: "invalid request"
            case .unauthorized: "not authorized"
            case .forbidden: "forbidden"
            case .notFound: "not found"
            case .conflict: "conflict"
            case .precondition(let name): "precondition \(name) failed"
            case .serverBusy: "server busy"
            case .rejected: "rejected"
            case .malformedResponse: "malformed response"
            case .notCalDAV: "not a CalDAV server"
            case .invalidSyncToken: "sync token invalid"
            }
        }
    }

    public var code: Code
    /// `host:port` of the server, never credentials.
    public var server: String
    /// The method and path, e.g. `REPORT /staff/sessions/`.
    public var request: String
    /// The HTTP status, or nil when no answer arrived.
    public var status: Int?
    /// What the server said (a DAV:error name or its trimmed body), or what went wrong locally.
    public var detail: String
    /// The transport failure underneath, when there was one.
    public var underlying: CurlError?

    public init(code: Code, server: String, request: String, status: Int? = nil, detail: String, underlying: CurlError? = nil) {
        self.code = code
        self.server = server
        self.request = request
        self.status = status
        self.detail = detail
        self.underlying = underlying
    }

    /// One line: `127.0.0.1:5232: PUT /staff/cal/a.ics: conflict (412): Precondition failed.`
    public var description: String {
        let answer = status.map { "\(code) (\($0))" } ?? "\(code)"
        return detail.isEmpty ? "\(server): \(request): \(answer)" : "\(server): \(request): \(answer): \(detail)"
    }
}
