import Foundation
internal import GRDB
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
        guard call.end.timeIntervalSince(call.start) <= StoredSpan.longestRow else {
            throw StoreError(.invalidInput, "return call \(call.id) lasts longer than a day")
        }
        try translating(
            "inserting return call \(call.id)",
            duplicate: { "return call \(call.id) is already stored" },
            constraint: {
                "return call \(call.id) names company \(call.companyID), contact \(call.contactID) or staff \(call.staff), "
                    + "which is not in the store"
            }
        ) {
            try ReturnCallRow(call).insert(db)
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
            _ = try ReturnCallRow.filter(key: id).updateAll(
                db, ReturnCallRow.Columns.outcome.set(to: outcome.rawValue), ReturnCallRow.Columns.outcomeAtMs.set(to: Instant.ms(instant)))
        }
        return try returnCall(id)!
    }

    public func returnCall(_ id: String) throws -> ReturnCallRecord? {
        try translating("reading return call \(id)") {
            try ReturnCallRow.fetchOne(db, key: id)?.record()
        }
    }

    /// The company's return calls requested at or after `since`, oldest first (count
    /// them for `ReturnCallPlanner.plan(previousAttempts:)`).
    public func returnCalls(company: CompanyID, since: Date? = nil) throws -> [ReturnCallRecord] {
        var request = ReturnCallRow.filter(ReturnCallRow.Columns.companyID == company.rawValue)
        if let since { request = request.filter(ReturnCallRow.Columns.requestedAtMs >= Instant.ms(since)) }
        return try translating("listing return calls of \(company)") {
            try request.order(ReturnCallRow.Columns.requestedAtMs, ReturnCallRow.Columns.id).fetchAll(db).map { try $0.record() }
        }
    }

    /// Every return call (or those overlapping `window`), earliest first.
    public func returnCalls(overlapping window: TimeRange? = nil) throws -> [ReturnCallRecord] {
        var request = ReturnCallRow.all()
        if let window { request = request.filter(overlapping: window) }
        return try translating("listing return calls") {
            try request.order(ReturnCallRow.Columns.startMs, ReturnCallRow.Columns.id).fetchAll(db).map { try $0.record() }
        }
    }
}
