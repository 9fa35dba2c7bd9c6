import ICal

/// A customer's iTIP REPLY as it arrived by email (RFC 6047 §2): the reply and who the
/// message says it is from.
public struct CalendarReply: Sendable {
    public var reply: ITIPReply
    /// The From address; may differ from the ATTENDEE when a client sends from an alias.
    public var sender: Mailbox?
    public var messageID: String?

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public init(email bytes: [UInt8]) throws(Failure) {
        let message: InboundMessage
        do {
            message = try InboundMessage(parsing: bytes)
        } catch {
            throw Failure(description: "not a readable email: \(error.description)")
        }
        guard let part = message.calendarPart else {
            throw Failure(description: "the email holds no calendar reply (no text/calendar part or .ics attachment)")
        }
        if let method = part.parameters["method"], method.uppercased() != "REPLY" {
            throw Failure(description: "the calendar part is an iTIP \(method.uppercased()), not a REPLY")
        }
        do {
            reply = try ITIPReply(parsing: String(decoding: part.body, as: UTF8.self))
        } catch {
            throw Failure(description: "the calendar reply cannot be read: \(error)")
        }
        sender = message.from
        messageID = message.header("Message-ID")
    }
}
