import GRDB

extension StoreTransaction {
    /// Bookings by status and outbox items by kind and status, for `/metrics`.
    public func countsForMetrics() throws -> (bookings: [String: Int], outbox: [String: Int]) {
        try translating("counting for metrics") {
            var bookings: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM bookings GROUP BY status") {
                bookings[row["status"] as String? ?? "?"] = row["n"]
            }
            var outbox: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT kind, status, COUNT(*) AS n FROM outbox GROUP BY kind, status") {
                outbox["\(row["kind"] as String? ?? "?")/\(row["status"] as String? ?? "?")"] = row["n"]
            }
            return (bookings, outbox)
        }
    }
}
