import Foundation
internal import GRDB
import Scheduling

/// A payment the vendor recorded: a reinstatement (§6) or a booking's fee (§2).
public struct Payment: Hashable, Sendable, Identifiable {
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// Lifts a no-show suspension and restarts the count (§6).
        case reinstatement
        /// Pays the fee of one booking.
        case bookingFee = "booking-fee"
    }

    /// Assigned by the store; 0 before the payment is recorded.
    public var id: Int64
    public var kind: Kind
    public var companyID: CompanyID
    /// The booking paid for (`bookingFee` only).
    public var bookingID: BookingID?
    public var amount: Money
    /// The vendor's reference (invoice, card transaction...). Unique: recording the
    /// same reference twice throws `.duplicate`, so a retried command pays once.
    public var reference: String
    public var recordedAt: Date

    public init(
        id: Int64 = 0, kind: Kind, companyID: CompanyID, bookingID: BookingID? = nil, amount: Money, reference: String, recordedAt: Date
    ) {
        self.id = id
        self.kind = kind
        self.companyID = companyID
        self.bookingID = bookingID
        self.amount = amount
        self.reference = reference
        self.recordedAt = recordedAt
    }

    public var reinstatement: Reinstatement? {
        kind == .reinstatement ? Reinstatement(companyID: companyID, amount: amount, recordedAt: recordedAt) : nil
    }
}

/// A paid booking whose fee is not yet covered by recorded `bookingFee` payments.
public struct FeeDue: Hashable, Sendable {
    public var booking: Booking
    public var paid: Money
    public var outstanding: Money
}

extension StoreTransaction {
    /// Records `payment` and returns it with its id. A reused reference throws
    /// `.duplicate` naming it; an unknown company or booking throws `.constraint`.
    @discardableResult
    public func record(_ payment: Payment) throws -> Payment {
        try requireWritable("record payment \(payment.reference)")
        guard !payment.reference.isEmpty else { throw StoreError(.invalidInput, "a payment needs a reference (--payment-ref)") }
        guard payment.amount.cents >= 0 else { throw StoreError(.invalidInput, "payment \(payment.reference) has a negative amount") }
        try translating(
            "recording payment \(payment.reference)",
            duplicate: { "a payment with reference \(payment.reference) is already recorded" },
            constraint: {
                "payment \(payment.reference) names company \(payment.companyID)"
                    + "\(payment.bookingID.map { " or booking \($0)" } ?? ""), which is not in the store"
            }
        ) {
            try PaymentRow(payment).insert(db)
        }
        var stored = payment
        stored.id = db.lastInsertedRowID
        stored.recordedAt = Instant.normalized(payment.recordedAt)
        return stored
    }

    /// Records an accepted `CompanyStanding.reinstate` decision under `reference`.
    @discardableResult
    public func record(_ reinstatement: Reinstatement, reference: String) throws -> Payment {
        try record(
            Payment(
                kind: .reinstatement, companyID: reinstatement.companyID, amount: reinstatement.amount,
                reference: reference, recordedAt: reinstatement.recordedAt))
    }

    /// The company's payments, oldest first.
    public func payments(company: CompanyID) throws -> [Payment] {
        try translating("listing payments of \(company)") {
            // Cached: every booking reads the company's standing, reinstatements included.
            let statement = try db.cachedStatement(sql: "SELECT * FROM payments WHERE company_id = ? ORDER BY recorded_at_ms, id")
            return try PaymentRow.fetchAll(statement, arguments: [company.rawValue]).map { try $0.payment() }
        }
    }

    public func payment(reference: String) throws -> Payment? {
        try translating("reading payment \(reference)") {
            try PaymentRow.filter(PaymentRow.Columns.paymentRef == reference).fetchOne(db)?.payment()
        }
    }

    /// The company's reinstatements, oldest first (input of `CompanyStanding.evaluate`).
    public func reinstatements(company: CompanyID) throws -> [Reinstatement] {
        try payments(company: company).compactMap(\.reinstatement)
    }

    /// Paid bookings (of `company`, or all) whose fee is not covered yet, by start.
    /// Sessions cancelled by staff are left out: they go to refund review instead (§2);
    /// sessions the customer cancelled stay due, as paid sessions are not refundable.
    public func feesDue(company: CompanyID? = nil) throws -> [FeeDue] {
        var query = BookingQuery(company: company)
        query.statuses = Set(Booking.Status.allCases.filter { $0 != .cancelledByStaff })
        var result: [FeeDue] = []
        for booking in try bookings(query) where booking.charge.isPaid {
            let paidCents = try translating("summing payments of \(booking.id)") {
                try PaymentRow.filter(
                    PaymentRow.Columns.bookingID == booking.id.rawValue && PaymentRow.Columns.kind == Payment.Kind.bookingFee.rawValue
                        && PaymentRow.Columns.currency == booking.charge.amount.currency
                )
                .select(sum(PaymentRow.Columns.amountCents) ?? 0, as: Int.self)
                .fetchOne(db) ?? 0
            }
            let currency = booking.charge.amount.currency
            if paidCents < booking.charge.amount.cents {
                result.append(
                    FeeDue(
                        booking: booking, paid: Money(cents: paidCents, currency: currency),
                        outstanding: Money(cents: booking.charge.amount.cents - paidCents, currency: currency)))
            }
        }
        return result
    }
}
