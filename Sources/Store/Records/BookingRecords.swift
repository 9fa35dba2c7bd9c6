import Foundation
import GRDB
import Scheduling

// Row mapping for bookings: every field of `Scheduling.Booking`, plus the calendar UID
// of its VEVENT and whether it was placed as an emergency.
enum BookingRecords {
    static func booking(_ row: Row) throws -> Booking {
        let t = "bookings"
        let id = try row.text("id", in: t)
        let kind = try decodeEnum(SessionKind.self, try row.text("session_kind", in: t), in: t, column: "session_kind")
        let minutes = Int(try row.int64("session_minutes", in: t))
        guard minutes > 0 else { throw StoreError(.corrupt, "booking \(id) lasts \(minutes) minutes") }
        let charge = Charge(
            basis: try decodeEnum(Charge.Basis.self, try row.text("charge_basis", in: t), in: t, column: "charge_basis"),
            amount: Money(cents: Int(try row.int64("amount_cents", in: t)), currency: try row.text("currency", in: t)),
            feeScheduleVersion: row["fee_schedule_version"], planID: row["plan_id"])
        var booking = Booking(
            id: BookingID(id), companyID: CompanyID(try row.text("company_id", in: t)),
            contactID: ContactID(try row.text("contact_id", in: t)),
            sessionType: SessionType(kind, minutes: minutes),
            start: try row.instant("start_ms", in: t), staff: StaffKey(try row.text("staff_key", in: t)),
            charge: charge, bookedAt: try row.instant("booked_at_ms", in: t),
            status: try decodeEnum(Booking.Status.self, try row.text("status", in: t), in: t, column: "status"),
            sequence: Int(try row.int64("sequence", in: t)),
            joinedAt: row.optionalInstant("joined_at_ms"), closedAt: row.optionalInstant("closed_at_ms"),
            needsRefundReview: (row["needs_refund_review"] as Int? ?? 0) != 0)
        booking.end = try row.instant("end_ms", in: t)
        booking.updatedAt = try row.instant("updated_at_ms", in: t)
        return booking
    }

    static func stored(_ row: Row) throws -> StoredBooking {
        StoredBooking(
            booking: try booking(row), calendarUID: try row.text("calendar_uid", in: "bookings"),
            isEmergency: (row["is_emergency"] as Int? ?? 0) != 0)
    }

    /// The columns every insert and update writes, in `columns` order.
    static let columns = [
        "company_id", "contact_id", "session_kind", "session_minutes", "start_ms", "end_ms", "staff_key",
        "charge_basis", "amount_cents", "currency", "fee_schedule_version", "plan_id", "status", "booked_at_ms",
        "sequence", "joined_at_ms", "closed_at_ms", "updated_at_ms", "needs_refund_review",
    ]

    static func values(_ b: Booking) -> [(any DatabaseValueConvertible)?] {
        [
            b.companyID.rawValue, b.contactID.rawValue, b.sessionType.kind.rawValue, b.sessionType.minutes,
            Instant.ms(b.start), Instant.ms(b.end), b.staff.rawValue,
            b.charge.basis.rawValue, b.charge.amount.cents, b.charge.amount.currency, b.charge.feeScheduleVersion, b.charge.planID,
            b.status.rawValue, Instant.ms(b.bookedAt), b.sequence, Instant.msOrNil(b.joinedAt), Instant.msOrNil(b.closedAt),
            Instant.ms(b.updatedAt), b.needsRefundReview,
        ]
    }
}
