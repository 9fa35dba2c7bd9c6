import Foundation
import Mail

extension SupportDesk {
    /// Sends a short plain-text email now, outside the outbox: for what must not be stored
    /// (a sign-in link's token lives only in the email) or only tells staff of what the
    /// store already holds. A failure throws; nothing is retried.
    public func sendNow(to recipient: Mailbox, replyTo: Mailbox? = nil, subject: String, text: String, key: String) async throws {
        let (composer, transport) = try mail.ready()
        let message = MailMessage(
            from: composer.from, to: [recipient], replyTo: replyTo ?? composer.replyTo, subject: subject,
            messageID: "\(key).\(UUID().uuidString.lowercased())@supportcal", date: Date(),
            extraHeaders: [("Auto-Submitted", "auto-generated")], body: .text(text))
        try await transport.deliver(message, key: message.messageID, logger: logger)
    }
}
