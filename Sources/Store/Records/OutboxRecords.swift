import Foundation
import GRDB
import Scheduling

// Row mapping for the outbox.
enum OutboxRecords {
    static func item(_ row: Row) throws -> OutboxItem {
        let t = "outbox"
        return OutboxItem(
            id: try row.int64("id", in: t), kind: OutboxKind(rawValue: try row.text("kind", in: t)),
            bookingID: (row["booking_id"] as String?).map(BookingID.init(rawValue:)),
            target: try row.text("target", in: t), payload: try row.text("payload", in: t),
            dedupeKey: try row.text("dedupe_key", in: t),
            status: try decodeEnum(OutboxItem.Status.self, try row.text("status", in: t), in: t, column: "status"),
            attempts: Int(try row.int64("attempts", in: t)), nextAttemptAt: try row.instant("next_attempt_at_ms", in: t),
            claimedAt: row.optionalInstant("claimed_at_ms"), lastError: row["last_error"],
            createdAt: try row.instant("created_at_ms", in: t), deliveredAt: row.optionalInstant("delivered_at_ms"))
    }
}
