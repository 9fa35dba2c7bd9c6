import Curl
import Logging

/// Where SupportCal's email goes: a Maildir (the embedded default, read with any mail
/// client or `mutt -f`) or an SMTP submission server.
public enum MailTransport: Sendable {
    case maildir(Maildir)
    /// `envelopeSender` is the MAIL FROM address (bounces go there).
    case smtp(SMTPConfiguration, envelopeSender: String)

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        /// A bad address will not get better by retrying; everything else might (a server
        /// that is down, a password being fixed), so it stays queued with backoff.
        public var isPermanent: Bool
    }

    /// Delivers `message`. `key` names the outbox item: a Maildir keeps one copy per key,
    /// and an SMTP resend after a crash carries the same Message-ID, so clients show one.
    @discardableResult
    public func deliver(_ message: MailMessage, key: String, logger: Logger) async throws(Failure) -> String {
        let bytes = message.rendered()
        switch self {
        case .maildir(let maildir):
            do {
                switch try maildir.deliver(bytes, key: key) {
                case .delivered(let name): return "maildir \(name)"
                case .alreadyDelivered(let name): return "maildir \(name) (already there)"
                }
            } catch {
                throw Failure(description: error.message, isPermanent: false)
            }
        case .smtp(let configuration, let sender):
            let envelope = SMTPEnvelope(sender: sender, recipients: message.to.map(\.address))
            do {
                try await SMTPClient(configuration, logger: logger).send(bytes, envelope: envelope)
                return "smtp \(configuration)"
            } catch {
                throw Failure(description: error.description, isPermanent: error.code == .badRequest)
            }
        }
    }
}
