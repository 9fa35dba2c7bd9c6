import Foundation
internal import GRDB
import Scheduling

// Bookings, and the inputs of the booking decision read inside the transaction.
extension StoreTransaction {
    // MARK: Writing

    /// Stores a new booking with every field, its calendar UID (default
    /// `BookingIDs.calendarUID(for:)`) and whether it is an emergency. Its company,
    /// contact and staff member must be stored (`.constraint` otherwise); a taken id
    /// or calendar UID throws `.duplicate`. Instants are kept to the millisecond.
    public func insert(_ booking: Booking, calendarUID: String? = nil, isEmergency: Bool = false) throws {
        try requireWritable("insert booking \(booking.id)")
        try requireStorableSpan(booking)
        let uid = calendarUID ?? BookingIDs.calendarUID(for: booking.id)
        try translating(
            "inserting booking \(booking.id)",
            duplicate: { "booking \(booking.id) (calendar UID \(uid)) is already stored" },
            constraint: {
                "booking \(booking.id) refers to company \(booking.companyID), contact \(booking.contactID) "
                    + "and staff member \(booking.staff); "
                    + "one of them is not in the store (mirror the staff and add the company and contact first)"
            }
        ) {
            try BookingRow(booking, calendarUID: uid, isEmergency: isEmergency).insert(db)
        }
    }

    /// Replaces the stored fields of an existing booking with `booking` (status,
    /// times, staff, sequence, joins...). The calendar UID and emergency flag stay.
    /// Throws `.notFound` for an unknown id.
    public func update(_ booking: Booking) throws {
        try requireWritable("update booking \(booking.id)")
        try requireStorableSpan(booking)
        // The UID and flag given here are not written: `bookingColumns` leaves them out.
        let row = BookingRow(booking, calendarUID: BookingIDs.calendarUID(for: booking.id), isEmergency: false)
        let found = try translating(
            "updating booking \(booking.id)",
            constraint: { "booking \(booking.id) now refers to staff member \(booking.staff) or a contact that is not in the store" }
        ) {
            try updateIfFound(row, columns: BookingRow.bookingColumns)
        }
        guard found else { throw StoreError(.notFound, "there is no booking with id \(booking.id)") }
    }

    /// No session lasts longer than `StoredSpan.longestRow`; the range queries rely on it.
    private func requireStorableSpan(_ booking: Booking) throws {
        guard booking.end.timeIntervalSince(booking.start) <= StoredSpan.longestRow else {
            throw StoreError(
                .invalidInput,
                "booking \(booking.id) lasts \(Int(booking.end.timeIntervalSince(booking.start) / 60)) minutes; "
                    + "the store keeps sessions of at most \(Int(StoredSpan.longestRow / 3600)) hours")
        }
    }

    // MARK: Reading

    public func booking(_ id: BookingID) throws -> Booking? {
        try storedBooking(id)?.booking
    }

    /// The booking, or `.notFound` naming it.
    public func requireBooking(_ id: BookingID) throws -> Booking {
        guard let booking = try booking(id) else { throw StoreError(.notFound, "there is no booking with id \(id)") }
        return booking
    }

    public func storedBooking(_ id: BookingID) throws -> StoredBooking? {
        try translating("reading booking \(id)") { try BookingRow.fetchOne(db, key: id.rawValue)?.stored() }
    }

    /// The booking whose VEVENT has this UID (how Sync recognises staff edits).
    public func storedBooking(calendarUID: String) throws -> StoredBooking? {
        try translating("reading the booking with calendar UID \(calendarUID)") {
            try BookingRow.filter(BookingRow.Columns.calendarUID == calendarUID).fetchOne(db)?.stored()
        }
    }

    public func bookings(_ query: BookingQuery = BookingQuery()) throws -> [Booking] {
        try storedBookings(query).map(\.booking)
    }

    public func storedBookings(_ query: BookingQuery = BookingQuery()) throws -> [StoredBooking] {
        typealias C = BookingRow.Columns
        var request = BookingRow.all()
        if let from = query.startingFrom { request = request.filter(C.startMs >= Instant.ms(from)) }
        if let before = query.startingBefore { request = request.filter(C.startMs < Instant.ms(before)) }
        if let range = query.overlapping {
            let bounds = StoredSpan.startBounds(overlapping: range)
            request = request.filter(C.startMs >= bounds.lower && C.startMs < bounds.upper && C.endMs > bounds.windowStart)
        }
        if let statuses = query.statuses {
            if statuses.isEmpty { return [] }
            request = request.filter(statuses.map(\.rawValue).sorted().contains(C.status))
        }
        if let company = query.company { request = request.filter(C.companyID == company.rawValue) }
        if let contact = query.contact { request = request.filter(C.contactID == contact.rawValue) }
        if let staff = query.staff { request = request.filter(C.staffKey == staff.rawValue) }
        switch query.order {
        case .startAscending: request = request.order(C.startMs, C.id)
        case .startDescending: request = request.order(C.startMs.desc, C.id.desc)
        }
        if let limit = query.limit { request = request.limit(max(0, limit)) }
        return try translating("listing bookings") { try request.fetchAll(db).map { try $0.stored() } }
    }

    // MARK: Decision inputs

    /// §6: the company's standing from its stored bookings and reinstatement payments.
    public func companyStanding(_ company: CompanyID, policy: Policy) throws -> CompanyStanding {
        let noShows = try translating("reading the no-shows of \(company)") {
            // Cached and positional: every booking reads its company's standing.
            let statement = try db.cachedStatement(sql: Self.noShowsSQL)
            var result: [Booking] = []
            let rows = try Row.fetchCursor(statement, arguments: [company.rawValue, Booking.Status.noShow.rawValue])
            while let row = try rows.next() { result.append(try BookingRow(positional: row).booking()) }
            return result
        }
        return CompanyStanding.evaluate(bookings: noShows, reinstatements: try reinstatements(company: company), policy: policy)
    }

    static let noShowsSQL = """
        SELECT \(BookingRow.selection) FROM bookings INDEXED BY bookings_company_status
        WHERE company_id = ? AND status = ? ORDER BY start_ms, id
        """

    /// The `BookingContext` for `request`, read inside this transaction: availability
    /// of `staff` around the requested start, the company's standing, and its wrong
    /// code attempts within the policy's window. Pass the result with the request to
    /// `BookingDecider.decide`, then `insert` the accepted booking (or
    /// `recordWrongCodeAttempt` on a `.wrongCode` refusal) in the same transaction.
    public func bookingContext(for request: BookingRequest, staff: [Staff], feeSchedule: FeeSchedule, policy: Policy, now: Date) throws
        -> BookingContext
    {
        let range = TimeRange(start: request.start, duration: request.sessionType.duration)
        return BookingContext(
            availability: try availability(staff: staff, window: range),
            feeSchedule: feeSchedule,
            standing: try companyStanding(request.company.id, policy: policy),
            wrongCodeAttempts: try wrongCodeAttempts(company: request.company.id, since: now.addingTimeInterval(-policy.wrongCodeWindow)))
    }
}
