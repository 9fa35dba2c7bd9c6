import Foundation

/// What a customer's link lets its holder do: one action on one booking, until a moment.
public struct LinkToken: Sendable, Hashable {
    public enum Action: String, Sendable, CaseIterable {
        case reschedule
        case cancel
        /// "I cannot make it" for an emergency placement.
        case decline
        /// See the booking (and its invite.ics); does not expire at the cutoff.
        case view
    }

    public var bookingID: String
    public var action: Action
    /// The link stops working at this instant (whole seconds).
    public var expires: Date

    public init(bookingID: String, action: Action, expires: Date) {
        self.bookingID = bookingID
        self.action = action
        self.expires = Date(timeIntervalSince1970: expires.timeIntervalSince1970.rounded(.down))
    }
}

/// Why a link was refused. `token` is set only when the signature was valid, so a page
/// may explain an expired link ("the cutoff was 7:50 AM") without trusting a forged one.
public struct LinkTokenError: Error, CustomStringConvertible, Equatable {
    public enum Code: String, Sendable {
        /// Not a SupportCal link, altered, or signed with a key no longer in use.
        case invalid
        case expired
        case wrongBooking = "wrong-booking"
        case wrongAction = "wrong-action"
    }

    public var code: Code
    public var token: LinkToken?

    public init(code: Code, token: LinkToken? = nil) {
        self.code = code
        self.token = token
    }

    public var description: String {
        switch code {
        case .invalid: "this link is not valid (it may have been altered or replaced by a newer one)"
        case .expired: "this link expired at \(token?.expires.formatted(.iso8601) ?? "an earlier time")"
        case .wrongBooking: "this link belongs to another booking"
        case .wrongAction: "this link is for \(token?.action.rawValue ?? "another action"), not this action"
        }
    }
}
