internal import GRDB

extension StoreTransaction {
    /// Bookings by status and outbox items by kind and status, for `/metrics`.
    public func countsForMetrics() throws -> (bookings: [String: Int], outbox: [String: Int]) {
        try translating("counting for metrics") {
            let bookingCounts = try BookingStatusCount.fetchAll(
                db, sql: "SELECT status, COUNT(*) AS count FROM bookings GROUP BY status")
            let outboxCounts = try OutboxKindStatusCount.fetchAll(
                db, sql: "SELECT kind, status, COUNT(*) AS count FROM outbox GROUP BY kind, status")
            return (
                Dictionary(uniqueKeysWithValues: bookingCounts.map { ($0.status, $0.count) }),
                Dictionary(uniqueKeysWithValues: outboxCounts.map { ("\($0.kind)/\($0.status)", $0.count) })
            )
        }
    }
}
