import Foundation

/// An RFC 5322 message: the headers SupportCal sets and a MIME body.
///
/// Every header value built from data (names, subjects) goes through `MessageHeaders`,
/// which removes CR and LF and encodes non-ASCII text, so no value can add a header.
public struct MailMessage: Sendable {
    public var from: Mailbox
    public var to: [Mailbox]
    public var replyTo: Mailbox?
    public var subject: String
    /// Without angle brackets; derived from the outbox key so a repeated delivery carries
    /// the same Message-ID and mail clients show the message once.
    public var messageID: String
    public var date: Date
    /// Further headers (Auto-Submitted); names are fixed by SupportCal, values sanitized.
    public var extraHeaders: [(name: String, value: String)]
    public var body: MIMEPart

    public init(
        from: Mailbox, to: [Mailbox], replyTo: Mailbox? = nil, subject: String, messageID: String, date: Date,
        extraHeaders: [(name: String, value: String)] = [], body: MIMEPart
    ) {
        self.from = from
        self.to = to
        self.replyTo = replyTo
        self.subject = subject
        self.messageID = messageID
        self.date = date
        self.extraHeaders = extraHeaders
        self.body = body
    }

    /// The message as sent: CRLF line ends, no line over 78 characters.
    public func rendered() -> [UInt8] {
        var headers = [
            MessageHeaders.line("From", from.description),
            MessageHeaders.line("To", to.map(\.description).joined(separator: ", ")),
            MessageHeaders.line("Subject", MessageHeaders.encodedWord(subject)),
            "Date: \(Self.dateText(date))",
            MessageHeaders.line("Message-ID", "<\(MessageHeaders.sanitized(messageID))>"),
        ]
        if let replyTo { headers.append(MessageHeaders.line("Reply-To", replyTo.description)) }
        headers += extraHeaders.map { MessageHeaders.line($0.name, MessageHeaders.sanitized($0.value)) }
        headers.append("MIME-Version: 1.0")
        let seed = "supportcal." + Maildir.hash(messageID)
        return Array((headers.joined(separator: "\r\n") + "\r\n" + body.rendered(boundary: seed)).utf8)
    }

    /// RFC 5322 §3.3 date-time in UTC ("Sat, 28 Nov 2026 16:30:00 +0000").
    static func dateText(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }
}
