internal import CCurl
import Foundation
import Logging
import NIOPosix

/// Where and how to submit mail.
public struct SMTPConfiguration: Sendable, CustomStringConvertible {
    public enum Security: String, Sendable, Hashable {
        /// Plain SMTP. Only for a relay on loopback or a trusted network.
        case none
        /// `smtp://` upgraded with STARTTLS; fails if the server does not offer it.
        case startTLS = "starttls"
        /// `smtps://`: TLS from the first byte (port 465).
        case implicitTLS = "tls"
    }

    /// `smtp://host:587` or `smtps://host:465`; a path names the EHLO domain.
    public var url: String
    public var security: Security
    public var user: String?
    public var password: String?
    public var timeout: Duration
    public var verifyTLS: Bool
    public var caFile: String?

    public init(
        url: String, security: Security? = nil, user: String? = nil, password: String? = nil,
        timeout: Duration = .seconds(60), verifyTLS: Bool = true, caFile: String? = nil
    ) {
        self.url = url
        self.security = security ?? (url.lowercased().hasPrefix("smtps:") ? .implicitTLS : .none)
        self.user = user
        self.password = password
        self.timeout = timeout
        self.verifyTLS = verifyTLS
        self.caFile = caFile
    }

    public var description: String {
        "\(RedactedTarget.describe(url)) (\(security.rawValue)\(user.map { ", user \($0)" } ?? ""))"
    }
}

/// Who a message is from and to, as the SMTP envelope says (not the headers).
public struct SMTPEnvelope: Sendable, Hashable {
    public var sender: String
    public var recipients: [String]

    public init(sender: String, recipients: [String]) {
        self.sender = sender
        self.recipients = recipients
    }
}

/// Submits RFC 5322 messages over SMTP with libcurl.
public final class SMTPClient: Sendable {
    public let configuration: SMTPConfiguration
    private let threadPool: NIOThreadPool
    private let logger: Logger

    public init(
        _ configuration: SMTPConfiguration, threadPool: NIOThreadPool = BlockingPool.shared,
        logger: Logger
    ) {
        self.configuration = configuration
        self.threadPool = threadPool
        self.logger = logger
    }

    /// Sends `message` (headers and body, CRLF line ends) to the envelope's recipients.
    public func send(_ message: [UInt8], envelope: SMTPEnvelope) async throws(CurlError) {
        do {
            try await threadPool.runIfActive { [self] in try self.sendBlocking(message, envelope: envelope) }
        } catch let error as CurlError {
            throw error
        } catch {
            throw CurlError(
                code: .other, curlCode: -1, message: "the transfer thread pool is shut down",
                target: RedactedTarget.describe(configuration.url))
        }
    }

    public func sendBlocking(_ message: [UInt8], envelope: SMTPEnvelope) throws(CurlError) {
        let target = RedactedTarget.describe(configuration.url)
        for address in [envelope.sender] + envelope.recipients where !Self.isSafeAddress(address) {
            throw CurlError(code: .badRequest, curlCode: -1, message: "\"\(address)\" is not a usable mail address", target: target)
        }
        guard !envelope.recipients.isEmpty else {
            throw CurlError(code: .badRequest, curlCode: -1, message: "a message needs at least one recipient", target: target)
        }
        let handle = try EasyHandle()
        let source = UploadSource(message)
        let box = Unmanaged.passRetained(source)
        defer { box.release() }
        let recipients = StringList(envelope.recipients.map { "<\($0)>" })

        try handle.setErrorBuffer()
        try handle.set(CURLOPT_URL, configuration.url)
        try handle.set(CURLOPT_NOSIGNAL, true)
        try handle.set(CURLOPT_PROTOCOLS_STR, "smtp,smtps")
        try handle.set(CURLOPT_TIMEOUT_MS, Int(configuration.timeout.milliseconds))
        try handle.set(CURLOPT_CONNECTTIMEOUT_MS, 10_000)
        try handle.set(CURLOPT_SSL_VERIFYPEER, configuration.verifyTLS)
        try handle.set(CURLOPT_SSL_VERIFYHOST, configuration.verifyTLS ? 2 : 0)
        if let caFile = configuration.caFile { try handle.set(CURLOPT_CAINFO, caFile) }
        if configuration.security == .startTLS {
            try handle.set(CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue))
        }
        if let user = configuration.user {
            try handle.set(CURLOPT_USERNAME, user)
            try handle.set(CURLOPT_PASSWORD, configuration.password ?? "")
        }
        try handle.set(CURLOPT_MAIL_FROM, "<\(envelope.sender)>")
        try handle.set(CURLOPT_MAIL_RCPT, list: recipients)
        try handle.set(CURLOPT_UPLOAD, true)
        try handle.set(CURLOPT_INFILESIZE_LARGE, offset: Int64(message.count))
        try handle.set(CURLOPT_READFUNCTION, callback: TransferCallbacks.upload)
        try handle.set(CURLOPT_READDATA, pointer: box.toOpaque())

        do {
            try withExtendedLifetime(recipients) { () throws(CurlError) in try handle.perform(target: target) }
        } catch {
            let reply = handle.infoInt(CURLINFO_RESPONSE_CODE)
            if reply >= 400 {
                throw CurlError(
                    code: reply == 535 ? .loginDenied : .rejected, curlCode: error.curlCode,
                    message: "server replied \(reply): \(error.message)", target: target)
            }
            throw error
        }
        logger.debug(
            "mail submitted",
            metadata: [
                "smtp.server": "\(target)",
                "smtp.recipients": "\(envelope.recipients.count)",
                "smtp.bytes": "\(message.count)",
            ])
    }

    /// Envelope addresses go into SMTP commands verbatim: CR, LF, angle brackets or
    /// spaces there would let a crafted address inject a command.
    static func isSafeAddress(_ address: String) -> Bool {
        !address.isEmpty && address.contains("@")
            && !address.unicodeScalars.contains {
                $0 == "\r" || $0 == "\n" || $0 == "<" || $0 == ">" || $0 == " " || $0.value < 0x20
            }
    }
}
