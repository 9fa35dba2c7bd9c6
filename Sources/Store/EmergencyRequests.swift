import Foundation
internal import GRDB
import Scheduling

/// A customer's request for an emergency session (§7), queued for staff: who asked, when,
/// in their own words, and what became of it. Placing it books a session (the staff
/// console); declining closes it with a reason; the customer may withdraw it while open.
public struct EmergencyRequest: Hashable, Sendable, Identifiable {
    public enum State: String, Hashable, Sendable, CaseIterable {
        case open, placed, declined, withdrawn
    }

    /// `er-` and 10 base32 characters.
    public var id: String
    public var companyID: CompanyID
    public var contactID: ContactID
    public var requestedAt: Date
    /// What the customer wrote, at most `maximumProblemLength` characters.
    public var problem: String
    public var state: State
    /// When `state` was entered (`requestedAt` while open).
    public var stateAt: Date
    /// The session it was placed in.
    public var bookingID: BookingID?
    /// Why staff declined it.
    public var reason: String?

    public static let maximumProblemLength = 1_000

    public init(
        id: String = EmergencyRequest.makeID(), companyID: CompanyID, contactID: ContactID, requestedAt: Date, problem: String,
        state: State = .open, stateAt: Date? = nil, bookingID: BookingID? = nil, reason: String? = nil
    ) {
        self.id = id
        self.companyID = companyID
        self.contactID = contactID
        self.requestedAt = requestedAt
        self.problem = problem
        self.state = state
        self.stateAt = stateAt ?? requestedAt
        self.bookingID = bookingID
        self.reason = reason
    }

    public static func makeID() -> String {
        "er-" + BookingIDs.make().rawValue.dropFirst(2)
    }
}

extension StoreTransaction {
    /// Queues a request. `.constraint` for an unknown company or contact.
    public func insert(_ request: EmergencyRequest) throws {
        try requireWritable("queue emergency request \(request.id)")
        try translating(
            "queueing emergency request \(request.id)", duplicate: { "emergency request \(request.id) is already stored" },
            constraint: { "emergency request \(request.id) names a company or contact that is not in the store" }
        ) {
            try db.execute(
                sql: """
                    INSERT INTO emergency_requests
                        (id, company_id, contact_id, requested_ms, problem, state, state_ms, booking_id, reason)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    request.id, request.companyID.rawValue, request.contactID.rawValue, Instant.ms(request.requestedAt),
                    request.problem, request.state.rawValue, Instant.ms(request.stateAt), request.bookingID?.rawValue, request.reason,
                ])
        }
    }

    /// Moves an open request to `state`. `.notFound` for an unknown id; `.duplicate` when
    /// it is no longer open (placed, declined or withdrawn already).
    @discardableResult
    public func close(
        emergencyRequest id: String, as state: EmergencyRequest.State, at instant: Date, booking: BookingID? = nil, reason: String? = nil
    ) throws -> EmergencyRequest {
        try requireWritable("close emergency request \(id)")
        guard let request = try emergencyRequest(id) else { throw StoreError(.notFound, "there is no emergency request \(id)") }
        guard request.state == .open else {
            throw StoreError(.duplicate, "emergency request \(id) is already \(request.state.rawValue)")
        }
        try translating("closing emergency request \(id)") {
            try db.execute(
                sql: "UPDATE emergency_requests SET state = ?, state_ms = ?, booking_id = ?, reason = ? WHERE id = ?",
                arguments: [state.rawValue, Instant.ms(instant), booking?.rawValue, reason, id])
        }
        return try emergencyRequest(id)!
    }

    public func emergencyRequest(_ id: String) throws -> EmergencyRequest? {
        try translating("reading emergency request \(id)") {
            try Row.fetchOne(db, sql: "SELECT * FROM emergency_requests WHERE id = ?", arguments: [id]).map(emergencyRequest(row:))
        }
    }

    /// The company's requests, newest first.
    public func emergencyRequests(company: CompanyID, limit: Int = 50) throws -> [EmergencyRequest] {
        try translating("listing emergency requests of \(company)") {
            try Row.fetchAll(
                db, sql: "SELECT * FROM emergency_requests WHERE company_id = ? ORDER BY requested_ms DESC, id DESC LIMIT ?",
                arguments: [company.rawValue, limit]
            ).map(emergencyRequest(row:))
        }
    }

    /// Requests in `state` (the staff queue: open ones), oldest first.
    public func emergencyRequests(state: EmergencyRequest.State) throws -> [EmergencyRequest] {
        try translating("listing \(state.rawValue) emergency requests") {
            try Row.fetchAll(
                db, sql: "SELECT * FROM emergency_requests WHERE state = ? ORDER BY requested_ms, id", arguments: [state.rawValue]
            ).map(emergencyRequest(row:))
        }
    }

    private func emergencyRequest(row: Row) throws -> EmergencyRequest {
        let state = try decodeEnum(EmergencyRequest.State.self, row["state"], in: "emergency_requests", column: StateColumn.state)
        let booking: String? = row["booking_id"]
        return EmergencyRequest(
            id: row["id"], companyID: CompanyID(row["company_id"] as String), contactID: ContactID(row["contact_id"] as String),
            requestedAt: Instant.date(row["requested_ms"]), problem: row["problem"], state: state, stateAt: Instant.date(row["state_ms"]),
            bookingID: booking.map(BookingID.init), reason: row["reason"])
    }

    private enum StateColumn: String, CodingKey { case state }
}
