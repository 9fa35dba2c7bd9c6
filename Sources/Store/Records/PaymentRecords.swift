import Foundation
internal import GRDB
import Scheduling

/// One row of `payments`.
struct PaymentRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "payments"

    /// Assigned by SQLite on insert.
    var id: Int64?
    var kind: String
    var companyID: String
    var bookingID: String?
    var amountCents: Int
    var currency: String
    var paymentRef: String
    var recordedAtMs: Int64

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, kind
        case companyID = "company_id"
        case bookingID = "booking_id"
        case amountCents = "amount_cents"
        case currency
        case paymentRef = "payment_ref"
        case recordedAtMs = "recorded_at_ms"
    }

    typealias Columns = CodingKeys

    /// A payment as `record` writes it; the id comes from SQLite.
    init(_ payment: Payment) {
        id = nil
        kind = payment.kind.rawValue
        companyID = payment.companyID.rawValue
        bookingID = payment.bookingID?.rawValue
        amountCents = payment.amount.cents
        currency = payment.amount.currency
        paymentRef = payment.reference
        recordedAtMs = Instant.ms(payment.recordedAt)
    }

    func payment() throws -> Payment {
        let t = Self.databaseTableName
        guard let id else { throw StoreError(.corrupt, "\(t) has a row without an id") }
        return Payment(
            id: id, kind: try decodeEnum(Payment.Kind.self, kind, in: t, column: Columns.kind), companyID: CompanyID(companyID),
            bookingID: bookingID.map(BookingID.init(rawValue:)), amount: Money(cents: amountCents, currency: currency),
            reference: paymentRef, recordedAt: Instant.date(recordedAtMs))
    }
}
