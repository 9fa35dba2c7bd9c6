import Foundation
import GRDB
import Scheduling

/// A planned return call (§8) and, once staff report it, how it went. Its time counts
/// as busy for the staff member in `availability`, so no session is booked over it.
public struct ReturnCallRecord: Hashable, Sendable, Identifiable {
    /// `rc-` and 10 base32 characters (see `ReturnCallRecord.makeID()`).
    public var id: String
    public var companyID: CompanyID
    public var contactID: ContactID
    public var staff: StaffKey
    public var start: Date
    public var end: Date
    /// 1 for the first attempt.
    public var attempt: Int
    public var requestedAt: Date
    /// What the customer called about, for the staff member.
    public var note: String?
    public var outcome: ReturnCallOutcome?
    public var outcomeAt: Date?

    public init(
        id: String, companyID: CompanyID, contactID: ContactID, staff: StaffKey, start: Date, end: Date,
        attempt: Int, requestedAt: Date, note: String? = nil, outcome: ReturnCallOutcome? = nil, outcomeAt: Date? = nil
    ) {
        self.id = id
        self.companyID = companyID
        self.contactID = contactID
        self.staff = staff
        self.start = start
        self.end = end
        self.attempt = attempt
        self.requestedAt = requestedAt
        self.note = note
        self.outcome = outcome
        self.outcomeAt = outcomeAt
    }

    /// From an accepted `ReturnCallPlanner.plan` decision.
    public init(
        id: String = ReturnCallRecord.makeID(), companyID: CompanyID, contactID: ContactID, call: ReturnCall, requestedAt: Date,
        note: String? = nil
    ) {
        self.init(
            id: id, companyID: companyID, contactID: contactID, staff: call.staff, start: call.start, end: call.end,
            attempt: call.attempt, requestedAt: requestedAt, note: note)
    }

    public var range: TimeRange { TimeRange(start: start, end: end) }

    public static func makeID() -> String {
        "rc-" + BookingIDs.make().rawValue.dropFirst(2)
    }
}

extension StoreTransaction {
    /// Stores a planned return call. `.duplicate` for a taken id, `.constraint` for an
    /// unknown company, contact or staff member.
    public func insert(_ call: ReturnCallRecord) throws {
        try requireWritable("insert return call \(call.id)")
        try translating(
            "inserting return call \(call.id)",
            duplicate: { "return call \(call.id) is already stored" },
            constraint: {
                "return call \(call.id) names company \(call.companyID), contact \(call.contactID) or staff \(call.staff), which is not in the store"
            }
        ) {
            try db.execute(
                sql: """
                    INSERT INTO return_calls (id, company_id, contact_id, staff_key, start_ms, end_ms, attempt, requested_at_ms, note, \
                    outcome, outcome_at_ms)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    call.id, call.companyID.rawValue, call.contactID.rawValue, call.staff.rawValue, Instant.ms(call.start),
                    Instant.ms(call.end), call.attempt, Instant.ms(call.requestedAt), call.note, call.outcome?.rawValue,
                    Instant.msOrNil(call.outcomeAt),
                ])
        }
    }

    /// Records how the call went and returns the updated record. `.notFound` for an
    /// unknown id; `.duplicate` if an outcome was already recorded (one attempt, §8).
    @discardableResult
    public func recordOutcome(_ outcome: ReturnCallOutcome, ofReturnCall id: String, at instant: Date) throws -> ReturnCallRecord {
        try requireWritable("record the outcome of return call \(id)")
        guard let call = try returnCall(id) else { throw StoreError(.notFound, "there is no return call with id \(id)") }
        if let previous = call.outcome {
            throw StoreError(.duplicate, "return call \(id) already has the outcome \(previous.rawValue)")
        }
        try translating("recording the outcome of return call \(id)") {
            try db.execute(
                sql: "UPDATE return_calls SET outcome = ?, outcome_at_ms = ? WHERE id = ?",
                arguments: [outcome.rawValue, Instant.ms(instant), id])
        }
        return try returnCall(id)!
    }

    public func returnCall(_ id: String) throws -> ReturnCallRecord? {
        try translating("reading return call \(id)") {
            try Row.fetchOne(db, sql: "SELECT * FROM return_calls WHERE id = ?", arguments: [id]).map(ReturnCallRecords.call)
        }
    }

    /// The company's return calls requested at or after `since`, oldest first (count
    /// them for `ReturnCallPlanner.plan(previousAttempts:)`).
    public func returnCalls(company: CompanyID, since: Date? = nil) throws -> [ReturnCallRecord] {
        try translating("listing return calls of \(company)") {
            try Row.fetchAll(
                db, sql: "SELECT * FROM return_calls WHERE company_id = ? AND requested_at_ms >= ? ORDER BY requested_at_ms, id",
                arguments: [company.rawValue, since.map { Instant.ms($0) } ?? Int64.min]
            )
            .map(ReturnCallRecords.call)
        }
    }

    /// Every return call (or those overlapping `window`), earliest first.
    public func returnCalls(overlapping window: TimeRange? = nil) throws -> [ReturnCallRecord] {
        try translating("listing return calls") {
            try Row.fetchAll(
                db, sql: "SELECT * FROM return_calls WHERE start_ms < ? AND end_ms > ? ORDER BY start_ms, id",
                arguments: [window.map { Instant.ms($0.end) } ?? Int64.max, window.map { Instant.ms($0.start) } ?? Int64.min]
            )
            .map(ReturnCallRecords.call)
        }
    }

    func returnCallRanges(staff: StaffKey, overlapping window: TimeRange) throws -> [TimeRange] {
        try translating("reading return calls of \(staff)") {
            try Row.fetchAll(
                db, sql: "SELECT start_ms, end_ms FROM return_calls WHERE staff_key = ? AND start_ms < ? AND end_ms > ?",
                arguments: [staff.rawValue, Instant.ms(window.end), Instant.ms(window.start)]
            )
            .map { TimeRange(start: try $0.instant("start_ms", in: "return_calls"), end: try $0.instant("end_ms", in: "return_calls")) }
        }
    }
}

enum ReturnCallRecords {
    static func call(_ row: Row) throws -> ReturnCallRecord {
        let t = "return_calls"
        return ReturnCallRecord(
            id: try row.text("id", in: t), companyID: CompanyID(try row.text("company_id", in: t)),
            contactID: ContactID(try row.text("contact_id", in: t)), staff: StaffKey(try row.text("staff_key", in: t)),
            start: try row.instant("start_ms", in: t), end: try row.instant("end_ms", in: t),
            attempt: Int(try row.int64("attempt", in: t)), requestedAt: try row.instant("requested_at_ms", in: t),
            note: row["note"],
            outcome: try (row["outcome"] as String?).map { try decodeEnum(ReturnCallOutcome.self, $0, in: t, column: "outcome") },
            outcomeAt: row.optionalInstant("outcome_at_ms"))
    }
}
