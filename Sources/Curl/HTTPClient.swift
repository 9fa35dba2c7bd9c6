internal import CCurl
import Foundation
import Logging
import NIOPosix

/// Sends HTTP requests through libcurl, reusing handles (and so connections).
///
/// `send` is safe to call from any task; each transfer runs on `BlockingPool`.
public final class HTTPClient: Sendable {
    private let handles = HandleStash()
    private let threadPool: NIOThreadPool
    private let logger: Logger

    public init(threadPool: NIOThreadPool = BlockingPool.shared, logger: Logger) {
        self.threadPool = threadPool
        self.logger = logger
    }

    public func send(_ request: HTTPRequest) async throws(CurlError) -> HTTPResponse {
        do {
            return try await threadPool.runIfActive { [self] in try self.sendBlocking(request) }
        } catch let error as CurlError {
            throw error
        } catch {
            throw CurlError(
                code: .other, curlCode: -1, message: "the transfer thread pool is shut down", target: RedactedTarget.describe(request.url))
        }
    }

    /// Runs the transfer on the calling thread. For command-line code and thread pools only.
    public func sendBlocking(_ request: HTTPRequest) throws(CurlError) -> HTTPResponse {
        let handle = try handles.take()
        defer { handles.put(handle) }
        let started = ContinuousClock.now
        let response = try HTTPTransfer(handle: handle, request: request).run()
        logger.debug(
            "http exchange",
            metadata: [
                "http.request": "\(request)",
                "http.status": "\(response.status)",
                "http.bytes": "\(response.body.count)",
                "http.duration_ms": "\((ContinuousClock.now - started).milliseconds)",
            ])
        return response
    }
}

/// Idle easy handles. A handle is lent to exactly one transfer at a time.
private final class HandleStash: @unchecked Sendable {
    // @unchecked: every access to `idle` holds `lock`, and a handle taken out is
    // used by one thread only until it is put back.
    private let lock = NSLock()
    private var idle: [EasyHandle] = []
    private let maxIdle = 8

    func take() throws(CurlError) -> EasyHandle {
        if let handle = lock.withLock({ idle.popLast() }) {
            handle.reset()
            return handle
        }
        return try EasyHandle()
    }

    func put(_ handle: EasyHandle) {
        lock.withLock {
            if idle.count < maxIdle { idle.append(handle) }
        }
    }
}

/// One HTTP exchange on one handle.
struct HTTPTransfer {
    let handle: EasyHandle
    let request: HTTPRequest

    func run() throws(CurlError) -> HTTPResponse {
        let target = RedactedTarget.describe(request.url)
        let accumulator = ResponseAccumulator(limit: request.maxResponseBytes)
        let box = Unmanaged.passRetained(accumulator)
        defer { box.release() }

        try handle.setErrorBuffer()
        try handle.set(CURLOPT_URL, request.url)
        try handle.set(CURLOPT_NOSIGNAL, true)
        try handle.set(CURLOPT_PROTOCOLS_STR, "http,https")
        try handle.set(CURLOPT_TIMEOUT_MS, Int(request.timeout.milliseconds))
        try handle.set(CURLOPT_CONNECTTIMEOUT_MS, Int(request.connectTimeout.milliseconds))
        try handle.set(CURLOPT_SSL_VERIFYPEER, request.verifyTLS)
        try handle.set(CURLOPT_SSL_VERIFYHOST, request.verifyTLS ? 2 : 0)
        if let caFile = request.caFile { try handle.set(CURLOPT_CAINFO, caFile) }
        try handle.set(CURLOPT_ACCEPT_ENCODING, "")  // whatever curl can decode
        if request.followRedirects {
            try handle.set(CURLOPT_FOLLOWLOCATION, true)
            try handle.set(CURLOPT_MAXREDIRS, 5)
            // Never let a redirect downgrade an https request to plain http.
            try handle.set(CURLOPT_REDIR_PROTOCOLS_STR, request.url.lowercased().hasPrefix("https:") ? "https" : "http,https")
            try handle.set(CURLOPT_POSTREDIR, 7)  // keep the method and body on 301/302/303
        }

        switch request.method.uppercased() {
        case "GET": try handle.set(CURLOPT_HTTPGET, true)
        case "HEAD": try handle.set(CURLOPT_NOBODY, true)
        default: try handle.set(CURLOPT_CUSTOMREQUEST, request.method)
        }
        if let body = request.body {
            try handle.set(CURLOPT_POSTFIELDSIZE_LARGE, offset: Int64(body.count))
            try handle.set(CURLOPT_COPYPOSTFIELDS, copying: body)
            if request.method.uppercased() != "POST" { try handle.set(CURLOPT_CUSTOMREQUEST, request.method) }
        }

        switch request.authentication {
        case .basic(let user, let password)?:
            try handle.set(CURLOPT_HTTPAUTH, CCurl_AUTH_BASIC)
            try handle.set(CURLOPT_USERNAME, user)
            try handle.set(CURLOPT_PASSWORD, password)
        case .digest(let user, let password)?:
            try handle.set(CURLOPT_HTTPAUTH, CCurl_AUTH_DIGEST)
            try handle.set(CURLOPT_USERNAME, user)
            try handle.set(CURLOPT_PASSWORD, password)
        case .bearer(let token)?:
            try handle.set(CURLOPT_HTTPAUTH, CCurl_AUTH_BEARER)
            try handle.set(CURLOPT_XOAUTH2_BEARER, token)
        case nil:
            break
        }

        // "Expect:" turns off curl's 100-continue wait, which some servers never answer.
        var lines = request.headers.map { "\($0.name): \($0.value)" }
        if !request.headers.contains(where: { $0.name.caseInsensitiveCompare("Expect") == .orderedSame }) {
            lines.append("Expect:")
        }
        let headerList = StringList(lines)
        try handle.set(CURLOPT_HTTPHEADER, list: headerList)

        try handle.set(CURLOPT_WRITEFUNCTION, callback: TransferCallbacks.body)
        try handle.set(CURLOPT_WRITEDATA, pointer: box.toOpaque())
        try handle.set(CURLOPT_HEADERFUNCTION, callback: TransferCallbacks.header)
        try handle.set(CURLOPT_HEADERDATA, pointer: box.toOpaque())

        do {
            try handle.perform(target: target)
        } catch {
            if accumulator.overflowed {
                throw CurlError(
                    code: .tooLarge, curlCode: error.curlCode,
                    message: "the response is larger than \(request.maxResponseBytes) bytes", target: target)
            }
            throw error
        }
        return withExtendedLifetime(headerList) {
            HTTPResponse(
                status: handle.infoInt(CURLINFO_RESPONSE_CODE),
                headers: accumulator.headers,
                body: accumulator.body,
                effectiveURL: RedactedTarget.withoutUserInfo(handle.infoString(CURLINFO_EFFECTIVE_URL) ?? request.url)
            )
        }
    }
}

extension Duration {
    var milliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
