import Foundation
import Scheduling

/// One booking as the commands print it.
struct BookingView: Encodable {
    var id: String
    var status: String
    var kind: String
    var minutes: Int
    var start: Date
    var end: Date
    var local: String
    var staff: String
    var company: String
    var contact: String
    var charge: String
    var amount: String
    var feeScheduleVersion: String?
    var sequence: Int
    var joinedAt: Date?
    var closedAt: Date?
    var needsRefundReview: Bool
    var delivery: OutboxDeliverer.Summary?

    init(_ booking: Booking, contact: Contact, company: Company) {
        id = booking.id.rawValue
        status = booking.status.rawValue
        kind = booking.sessionType.kind.rawValue
        minutes = booking.sessionType.minutes
        start = booking.start
        end = booking.end
        local = LocalTimeFormat(zone: contact.timeZone).range(booking.start, booking.end)
        staff = booking.staff.rawValue
        self.company = company.id.rawValue
        self.contact = contact.email
        charge = booking.charge.basis.rawValue
        amount = booking.charge.amount.description
        feeScheduleVersion = booking.charge.feeScheduleVersion
        sequence = booking.sequence
        joinedAt = booking.joinedAt
        closedAt = booking.closedAt
        needsRefundReview = booking.needsRefundReview
    }

    func print(json: Bool, delivery: OutboxDeliverer.Summary? = nil) throws {
        var view = self
        view.delivery = delivery
        if json { try JSONOutput.print(view); return }
        Swift.print("\(id)  \(status)  \(minutes)-minute \(kind)")
        Swift.print("  when:    \(start.formatted(.iso8601)) (\(local))")
        Swift.print("  staff:   \(staff)")
        Swift.print("  for:     \(contact) (\(company))")
        Swift.print("  charge:  \(amount) (\(charge)\(feeScheduleVersion.map { ", fee schedule \($0)" } ?? ""))")
        if let joinedAt { Swift.print("  joined:  \(joinedAt.formatted(.iso8601))") }
        if let closedAt { Swift.print("  closed:  \(closedAt.formatted(.iso8601))") }
        if needsRefundReview { Swift.print("  refund:  cancelled by staff: review the payment") }
        if let delivery, !delivery.problems.isEmpty {
            for problem in delivery.problems { Swift.print("  queued, not yet delivered: \(problem)") }
        }
    }
}
