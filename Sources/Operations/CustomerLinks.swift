import Foundation
import Mail
import Scheduling

/// The signed links a customer gets for a booking, `<public_base_url>/b/<token>`, and
/// which of them still make sense: one rule for the emails and the service's pages.
public struct CustomerLinks: Sendable {
    public var signer: LinkSigner
    public var publicBaseURL: URL
    public var policy: Policy

    /// A view link keeps working this long after the session's end.
    public static let viewLifetime: TimeInterval = 30 * 86_400

    public init(signer: LinkSigner, publicBaseURL: URL, policy: Policy) {
        self.signer = signer
        self.publicBaseURL = publicBaseURL
        self.policy = policy
    }

    /// The page behind it asks before acting, because mail scanners open links to look.
    public func url(_ booking: Booking, _ action: LinkToken.Action, until expiry: Date) -> String {
        let token = signer.sign(LinkToken(bookingID: booking.id.rawValue, action: action, expires: expiry))
        return publicBaseURL.appendingPathComponent("b").appendingPathComponent(token).absoluteString
    }

    public func view(_ booking: Booking) -> String {
        url(booking, .view, until: booking.end.addingTimeInterval(Self.viewLifetime))
    }

    /// The actions the customer may still take now, each with its link's expiry: an
    /// emergency placement may be declined until its start; any other booking rescheduled
    /// or cancelled until the cutoff.
    public func actions(for booking: Booking, isEmergency: Bool, now: Date) -> [(action: LinkToken.Action, expires: Date)] {
        guard booking.status.isActive else { return [] }
        if isEmergency { return now < booking.start ? [(.decline, booking.start)] : [] }
        let cutoff = CancellationCutoff(policy).cutoff(for: booking)
        return now < cutoff ? [(.reschedule, cutoff), (.cancel, cutoff)] : []
    }
}
