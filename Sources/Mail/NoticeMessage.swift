import Foundation
import ICal

/// A plain-text notice with an optional iTIP calendar part (RFC 6047), as SupportCal
/// sends it until the full templated messages (HTML, links) land.
public struct NoticeMessage: Sendable {
    public var from: (name: String?, address: String)
    public var to: (name: String?, address: String)
    public var replyTo: String?
    public var subject: String
    public var body: String
    public var calendar: ICalDocument?
    public var messageID: String
    public var date: Date

    public init(from: (name: String?, address: String), to: (name: String?, address: String), replyTo: String? = nil,
                subject: String, body: String, calendar: ICalDocument? = nil, messageID: String, date: Date) {
        self.from = from
        self.to = to
        self.replyTo = replyTo
        self.subject = subject
        self.body = body
        self.calendar = calendar
        self.messageID = messageID
        self.date = date
    }

    /// RFC 5322 bytes with CRLF line ends; bodies base64 so no line is over 76 octets.
    public func rendered() -> [UInt8] {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        var headers = [
            "From: \(MessageHeaders.mailbox(name: from.name, address: from.address))",
            "To: \(MessageHeaders.mailbox(name: to.name, address: to.address))",
            "Subject: \(MessageHeaders.encodedWord(subject))",
            "Date: \(formatter.string(from: date))",
            "Message-ID: <\(MessageHeaders.sanitized(messageID))>",
            "MIME-Version: 1.0",
        ]
        if let replyTo { headers.append("Reply-To: <\(MessageHeaders.sanitized(replyTo))>") }
        let text = Self.base64Lines(Array(body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n").utf8))
        guard let calendar else {
            headers += ["Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: base64"]
            return Array((headers.joined(separator: "\r\n") + "\r\n\r\n" + text).utf8)
        }
        let method = calendar.method ?? "PUBLISH"
        let boundary = "supportcal-" + Maildir.hash(messageID)
        let ics = Self.base64Lines(Array(calendar.text.utf8))
        headers.append("Content-Type: multipart/mixed; boundary=\"\(boundary)\"")
        let parts = [
            "--\(boundary)\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n\(text)",
            "--\(boundary)\r\nContent-Type: text/calendar; charset=UTF-8; method=\(method)\r\nContent-Transfer-Encoding: base64\r\n\r\n\(ics)",
            "--\(boundary)\r\nContent-Type: application/ics; name=\"invite.ics\"\r\nContent-Disposition: attachment; filename=\"invite.ics\"\r\nContent-Transfer-Encoding: base64\r\n\r\n\(ics)",
            "--\(boundary)--\r\n",
        ]
        return Array((headers.joined(separator: "\r\n") + "\r\n\r\n" + parts.joined()).utf8)
    }

    static func base64Lines(_ bytes: [UInt8]) -> String {
        let encoded = Data(bytes).base64EncodedString()
        var lines: [Substring] = []
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let end = encoded.index(index, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines.append(encoded[index..<end])
            index = end
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
