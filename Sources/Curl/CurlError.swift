internal import CCurl

/// A transfer that failed below HTTP or SMTP: no connection, a timeout, TLS, a refused
/// login. Carries curl's code and message, and where it was going (never credentials).
public struct CurlError: Error, CustomStringConvertible, Sendable, Equatable {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String {
            case couldNotResolve = "could not resolve host"
            case couldNotConnect = "could not connect"
            case timedOut = "timed out"
            case tls = "TLS failure"
            case loginDenied = "login denied"
            case connectionLost = "connection lost"
            case rejected = "rejected by server"
            case tooLarge = "response too large"
            case badRequest = "bad request"
            case other = "transfer failed"
        }
        private let value: Value
        public static let couldNotResolve = Code(value: .couldNotResolve)
        public static let couldNotConnect = Code(value: .couldNotConnect)
        public static let timedOut = Code(value: .timedOut)
        public static let tls = Code(value: .tls)
        public static let loginDenied = Code(value: .loginDenied)
        /// The peer closed or reset the connection mid-transfer.
        public static let connectionLost = Code(value: .connectionLost)
        /// An SMTP server refused the sender, a recipient or the message.
        public static let rejected = Code(value: .rejected)
        public static let tooLarge = Code(value: .tooLarge)
        /// The request itself could not be set up (a malformed URL, an unsupported scheme).
        public static let badRequest = Code(value: .badRequest)
        public static let other = Code(value: .other)
        public var description: String { value.rawValue }
    }

    public var code: Code
    /// curl's own `CURLcode`.
    public var curlCode: Int
    /// curl's explanation, with the server's words where it had them.
    public var message: String
    /// `scheme://host:port/path`, without user info or query.
    public var target: String

    public init(code: Code, curlCode: Int, message: String, target: String) {
        self.code = code
        self.curlCode = curlCode
        self.message = message
        self.target = target
    }

    public var description: String { "\(target): \(code) (\(message))" }

    /// True when repeating a safe request may help (the network, not the request, failed).
    public var isTransient: Bool {
        [.couldNotConnect, .timedOut, .connectionLost, .couldNotResolve].contains(code)
    }

    init(_ result: CURLcode, detail: String, target: String) {
        let code: Code
        switch result {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: code = .couldNotResolve
        case CURLE_COULDNT_CONNECT: code = .couldNotConnect
        case CURLE_OPERATION_TIMEDOUT: code = .timedOut
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
            CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_USE_SSL_FAILED:
            code = .tls
        case CURLE_LOGIN_DENIED: code = .loginDenied
        case CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_PARTIAL_FILE: code = .connectionLost
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL: code = .badRequest
        default: code = .other
        }
        let generic = String(cString: curl_easy_strerror(result))
        self.init(
            code: code, curlCode: Int(result.rawValue),
            message: detail.isEmpty || detail == generic ? generic : detail, target: target)
    }
}

/// Where a request goes, safe to print: user info, query and fragment removed.
enum RedactedTarget {
    /// `url` without `user:password@`: libcurl writes the credentials it was given into
    /// the effective URL after following a redirect.
    static func withoutUserInfo(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@") else { return url }
        return String(url[..<schemeEnd.upperBound]) + String(rest[rest.index(after: at)...])
    }

    static func describe(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return "(invalid URL)" }
        var rest = url[schemeEnd.upperBound...]
        if let at = rest.firstIndex(of: "@"), rest[..<at].firstIndex(of: "/") == nil {
            rest = rest[rest.index(after: at)...]
        }
        if let cut = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) {
            rest = rest[..<cut]
        }
        return String(url[..<schemeEnd.upperBound]) + String(rest)
    }
}
