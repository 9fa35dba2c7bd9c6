import Foundation

/// A header as sent or received; names compare case-insensitively.
public struct HTTPHeader: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    public var description: String { "\(name): \(value)" }
}

/// How a request proves who it is. Printing one never shows the secret.
public enum HTTPAuthentication: Sendable, Hashable, CustomStringConvertible {
    case basic(user: String, password: String)
    case digest(user: String, password: String)
    case bearer(token: String)

    public var description: String {
        switch self {
        case .basic(let user, _): "Basic (user \(user))"
        case .digest(let user, _): "Digest (user \(user))"
        case .bearer: "Bearer"
        }
    }
}

public struct HTTPRequest: Sendable, CustomStringConvertible {
    /// Any method: GET, PUT, DELETE, PROPFIND, REPORT, MKCALENDAR, ...
    public var method: String
    public var url: String
    public var headers: [HTTPHeader]
    public var body: [UInt8]?
    public var authentication: HTTPAuthentication?
    /// The whole exchange, connection included.
    public var timeout: Duration
    public var connectTimeout: Duration
    /// Off only for a test server with a self-signed certificate; see `caFile` first.
    public var verifyTLS: Bool
    /// A PEM bundle to trust instead of the system's.
    public var caFile: String?
    /// Follow 3xx answers. An https request never follows to plain http.
    public var followRedirects: Bool
    /// A larger body is refused with `CurlError.Code.tooLarge` instead of filling memory.
    public var maxResponseBytes: Int

    public init(
        method: String, url: String, headers: [HTTPHeader] = [], body: [UInt8]? = nil,
        authentication: HTTPAuthentication? = nil, timeout: Duration = .seconds(30),
        connectTimeout: Duration = .seconds(10), verifyTLS: Bool = true, caFile: String? = nil,
        followRedirects: Bool = false, maxResponseBytes: Int = 64 << 20
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.authentication = authentication
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.verifyTLS = verifyTLS
        self.caFile = caFile
        self.followRedirects = followRedirects
        self.maxResponseBytes = maxResponseBytes
    }

    /// `METHOD scheme://host/path`, safe to log.
    public var description: String { "\(method) \(RedactedTarget.describe(url))" }
}

public struct HTTPResponse: Sendable {
    public var status: Int
    /// The headers of the final response (after redirects and 100 Continue).
    public var headers: [HTTPHeader]
    public var body: [UInt8]
    /// The URL that answered, after any redirects.
    public var effectiveURL: String

    public init(status: Int, headers: [HTTPHeader], body: [UInt8], effectiveURL: String) {
        self.status = status
        self.headers = headers
        self.body = body
        self.effectiveURL = effectiveURL
    }

    public func header(_ name: String) -> String? {
        headers.last { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }
    public var isSuccess: Bool { (200..<300).contains(status) }
}
