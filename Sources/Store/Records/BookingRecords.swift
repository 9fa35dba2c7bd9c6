import Foundation
internal import GRDB
import Scheduling

/// One row of `bookings`: every field of `Scheduling.Booking`, plus the calendar UID of
/// its VEVENT and whether it was placed as an emergency. Columns are named by
/// `CodingKeys`, so a renamed Swift property cannot silently move a value.
struct BookingRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "bookings"

    var id: String
    var companyID: String
    var contactID: String
    var sessionKind: String
    var sessionMinutes: Int
    var startMs: Int64
    var endMs: Int64
    var staffKey: String
    var chargeBasis: String
    var amountCents: Int
    var currency: String
    var feeScheduleVersion: String?
    var planID: String?
    var status: String
    var bookedAtMs: Int64
    var sequence: Int
    var joinedAtMs: Int64?
    var closedAtMs: Int64?
    var updatedAtMs: Int64
    var needsRefundReview: Bool
    var calendarUID: String
    var isEmergency: Bool

    enum CodingKeys: String, CodingKey, ColumnExpression, CaseIterable {
        case id
        case companyID = "company_id"
        case contactID = "contact_id"
        case sessionKind = "session_kind"
        case sessionMinutes = "session_minutes"
        case startMs = "start_ms"
        case endMs = "end_ms"
        case staffKey = "staff_key"
        case chargeBasis = "charge_basis"
        case amountCents = "amount_cents"
        case currency
        case feeScheduleVersion = "fee_schedule_version"
        case planID = "plan_id"
        case status
        case bookedAtMs = "booked_at_ms"
        case sequence
        case joinedAtMs = "joined_at_ms"
        case closedAtMs = "closed_at_ms"
        case updatedAtMs = "updated_at_ms"
        case needsRefundReview = "needs_refund_review"
        case calendarUID = "calendar_uid"
        case isEmergency = "is_emergency"
    }

    typealias Columns = CodingKeys

    /// What `update` writes: the booking's own fields. The calendar UID and the
    /// emergency flag are set once, at insert, and never change.
    static let bookingColumns = Columns.allCases.filter { ![.id, .calendarUID, .isEmergency].contains($0) }

    init(_ b: Booking, calendarUID: String, isEmergency: Bool) {
        id = b.id.rawValue
        companyID = b.companyID.rawValue
        contactID = b.contactID.rawValue
        sessionKind = b.sessionType.kind.rawValue
        sessionMinutes = b.sessionType.minutes
        startMs = Instant.ms(b.start)
        endMs = Instant.ms(b.end)
        staffKey = b.staff.rawValue
        chargeBasis = b.charge.basis.rawValue
        amountCents = b.charge.amount.cents
        currency = b.charge.amount.currency
        feeScheduleVersion = b.charge.feeScheduleVersion
        planID = b.charge.planID
        status = b.status.rawValue
        bookedAtMs = Instant.ms(b.bookedAt)
        sequence = b.sequence
        joinedAtMs = Instant.msOrNil(b.joinedAt)
        closedAtMs = Instant.msOrNil(b.closedAt)
        updatedAtMs = Instant.ms(b.updatedAt)
        needsRefundReview = b.needsRefundReview
        self.calendarUID = calendarUID
        self.isEmergency = isEmergency
    }

    /// Read by column name, as `Decodable` would, without its per-row decoder (the
    /// availability query reads hundreds of rows per request).
    init(row: Row) throws {
        typealias C = Columns
        id = row[C.id]
        companyID = row[C.companyID]
        contactID = row[C.contactID]
        sessionKind = row[C.sessionKind]
        sessionMinutes = row[C.sessionMinutes]
        startMs = row[C.startMs]
        endMs = row[C.endMs]
        staffKey = row[C.staffKey]
        chargeBasis = row[C.chargeBasis]
        amountCents = row[C.amountCents]
        currency = row[C.currency]
        feeScheduleVersion = row[C.feeScheduleVersion]
        planID = row[C.planID]
        status = row[C.status]
        bookedAtMs = row[C.bookedAtMs]
        sequence = row[C.sequence]
        joinedAtMs = row[C.joinedAtMs]
        closedAtMs = row[C.closedAtMs]
        updatedAtMs = row[C.updatedAtMs]
        needsRefundReview = row[C.needsRefundReview]
        calendarUID = row[C.calendarUID]
        isEmergency = row[C.isEmergency]
    }

    /// Every column, in `CodingKeys` order: what `init(positional:)` reads.
    static let selection = Columns.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")

    /// Read by position from a row that selected `selection`: the availability query
    /// reads a thousand rows per booking, and a lookup by name costs more than the value.
    init(positional row: Row) {
        id = row[0]
        companyID = row[1]
        contactID = row[2]
        sessionKind = row[3]
        sessionMinutes = row[4]
        startMs = row[5]
        endMs = row[6]
        staffKey = row[7]
        chargeBasis = row[8]
        amountCents = row[9]
        currency = row[10]
        feeScheduleVersion = row[11]
        planID = row[12]
        status = row[13]
        bookedAtMs = row[14]
        sequence = row[15]
        joinedAtMs = row[16]
        closedAtMs = row[17]
        updatedAtMs = row[18]
        needsRefundReview = row[19]
        calendarUID = row[20]
        isEmergency = row[21]
    }

    func booking() throws -> Booking {
        let t = Self.databaseTableName
        guard sessionMinutes > 0 else { throw StoreError(.corrupt, "booking \(id) lasts \(sessionMinutes) minutes") }
        let kind = try decodeEnum(SessionKind.self, sessionKind, in: t, column: Columns.sessionKind)
        let charge = Charge(
            basis: try decodeEnum(Charge.Basis.self, chargeBasis, in: t, column: Columns.chargeBasis),
            amount: Money(cents: amountCents, currency: currency),
            feeScheduleVersion: feeScheduleVersion, planID: planID)
        var booking = Booking(
            id: BookingID(id), companyID: CompanyID(companyID), contactID: ContactID(contactID),
            sessionType: SessionType(kind, minutes: sessionMinutes), start: Instant.date(startMs), staff: StaffKey(staffKey),
            charge: charge, bookedAt: Instant.date(bookedAtMs),
            status: try decodeEnum(Booking.Status.self, status, in: t, column: Columns.status),
            sequence: sequence, joinedAt: Instant.dateOrNil(joinedAtMs), closedAt: Instant.dateOrNil(closedAtMs),
            needsRefundReview: needsRefundReview)
        booking.end = Instant.date(endMs)
        booking.updatedAt = Instant.date(updatedAtMs)
        return booking
    }

    func stored() throws -> StoredBooking {
        StoredBooking(booking: try booking(), calendarUID: calendarUID, isEmergency: isEmergency)
    }
}

/// Bookings per status, for `/metrics`.
struct BookingStatusCount: Decodable, FetchableRecord {
    var status: String
    var count: Int
}
