import Foundation
internal import GRDB
import Scheduling

/// One row of `return_calls`.
struct ReturnCallRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "return_calls"

    var id: String
    var companyID: String
    var contactID: String
    var staffKey: String
    var startMs: Int64
    var endMs: Int64
    var attempt: Int
    var requestedAtMs: Int64
    var note: String?
    var outcome: String?
    var outcomeAtMs: Int64?

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id
        case companyID = "company_id"
        case contactID = "contact_id"
        case staffKey = "staff_key"
        case startMs = "start_ms"
        case endMs = "end_ms"
        case attempt
        case requestedAtMs = "requested_at_ms"
        case note, outcome
        case outcomeAtMs = "outcome_at_ms"
    }

    typealias Columns = CodingKeys

    init(_ call: ReturnCallRecord) {
        id = call.id
        companyID = call.companyID.rawValue
        contactID = call.contactID.rawValue
        staffKey = call.staff.rawValue
        startMs = Instant.ms(call.start)
        endMs = Instant.ms(call.end)
        attempt = call.attempt
        requestedAtMs = Instant.ms(call.requestedAt)
        note = call.note
        outcome = call.outcome?.rawValue
        outcomeAtMs = Instant.msOrNil(call.outcomeAt)
    }

    func record() throws -> ReturnCallRecord {
        let t = Self.databaseTableName
        return ReturnCallRecord(
            id: id, companyID: CompanyID(companyID), contactID: ContactID(contactID), staff: StaffKey(staffKey),
            start: Instant.date(startMs), end: Instant.date(endMs), attempt: attempt, requestedAt: Instant.date(requestedAtMs),
            note: note, outcome: try outcome.map { try decodeEnum(ReturnCallOutcome.self, $0, in: t, column: Columns.outcome) },
            outcomeAt: Instant.dateOrNil(outcomeAtMs))
    }
}

extension QueryInterfaceRequest<ReturnCallRow> {
    /// Calls whose `[start, end)` overlaps `window` (half-open, like `TimeRange.overlaps`).
    func filter(overlapping window: TimeRange) -> Self {
        let bounds = StoredSpan.startBounds(overlapping: window)
        return filter(
            ReturnCallRow.Columns.startMs >= bounds.lower && ReturnCallRow.Columns.startMs < bounds.upper
                && ReturnCallRow.Columns.endMs > bounds.windowStart)
    }
}
