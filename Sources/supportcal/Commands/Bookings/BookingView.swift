import Foundation
import Operations
import Scheduling
import Store
import UseCases

/// One booking as the commands print it: under `--json` the API's booking object
/// (`BookingJSON`, docs/json.md) plus, after a change, what was delivered at once.
struct BookingView: Encodable {
    var booking: BookingJSON
    var delivery: OutboxSummary?
    /// For the text form ("$140.00"); JSON has `amount` as an object.
    private let price: Money

    init(_ booking: Booking, contact: Contact, isEmergency: Bool) {
        self.booking = BookingJSON(booking, contact: contact, isEmergency: isEmergency)
        price = booking.charge.amount
    }

    init(_ stored: StoredBooking, contact: Contact) {
        self.init(stored.booking, contact: contact, isEmergency: stored.isEmergency)
    }

    /// The booking's fields, then `delivery` beside them (one flat object).
    func encode(to encoder: any Encoder) throws {
        try booking.encode(to: encoder)
        enum Keys: String, CodingKey { case delivery }
        var container = encoder.container(keyedBy: Keys.self)
        try container.encodeIfPresent(delivery, forKey: .delivery)
    }

    func print(json: Bool, delivery: OutboxSummary? = nil) throws {
        var view = self
        view.delivery = delivery
        if json {
            try JSONOutput.print(view)
            return
        }
        let b = booking
        Swift.print("\(b.id)  \(b.status)  \(b.minutes)-minute \(b.kind)\(b.emergency ? " (emergency)" : "")")
        Swift.print("  when:    \(b.start.formatted(.iso8601)) (\(b.local))")
        Swift.print("  staff:   \(b.staff)")
        Swift.print("  for:     \(b.contact) (\(b.company))")
        Swift.print("  charge:  \(price) (\(b.charge)\(b.feeScheduleVersion.map { ", fee schedule \($0)" } ?? ""))")
        if let joinedAt = b.joinedAt { Swift.print("  joined:  \(joinedAt.formatted(.iso8601))") }
        if let closedAt = b.closedAt { Swift.print("  closed:  \(closedAt.formatted(.iso8601))") }
        if b.needsRefundReview { Swift.print("  refund:  cancelled by staff: review the payment") }
        if let delivery, !delivery.problems.isEmpty {
            for problem in delivery.problems { Swift.print("  queued, not yet delivered: \(problem)") }
        }
    }
}
