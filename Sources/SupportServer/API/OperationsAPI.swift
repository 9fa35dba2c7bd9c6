import Foundation
import Hummingbird

/// `/healthz` for load balancers and `/metrics` for Prometheus.
struct OperationsAPI: Sendable {
    let operations: ServerOperations

    func register(on router: Router<SupportRequestContext>) {
        router.get("/healthz") { request, context in try await health(request, context) }
        router.get("/metrics") { _, _ in try await metrics() }
    }

    /// 200 when the store answers; 503 otherwise (the reason is logged, not shown).
    func health(_ request: Request, _ context: SupportRequestContext) async throws -> Response {
        do {
            _ = try await operations.desk.store.read { tx in try tx.countsForMetrics() }
            return try context.json(["status": "ok"], for: request)
        } catch {
            operations.environment.logger.error("health check failed", metadata: ["error.message": "\(error)"])
            return try context.json(["status": "unavailable"], status: .serviceUnavailable, for: request)
        }
    }

    /// Prometheus text format 0.0.4.
    func metrics() async throws -> Response {
        let counts = try await operations.desk.store.read { tx in try tx.countsForMetrics() }
        let counters = operations.state.counters.withLock { $0 }
        var lines: [String] = []
        func family(_ name: String, _ type: String, _ help: String) {
            lines.append("# HELP \(name) \(help)")
            lines.append("# TYPE \(name) \(type)")
        }
        family("supportcal_bookings", "gauge", "Bookings in the store by status.")
        for (status, count) in counts.bookings.sorted(by: { $0.key < $1.key }) {
            lines.append("supportcal_bookings{status=\"\(status)\"} \(count)")
        }
        family("supportcal_outbox_items", "gauge", "Outbox items by kind and status.")
        for (key, count) in counts.outbox.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: "/")
            lines.append("supportcal_outbox_items{kind=\"\(parts[0])\",status=\"\(parts.count > 1 ? parts[1] : "")\"} \(count)")
        }
        family("supportcal_bookings_created_total", "counter", "Bookings made through this process since it started.")
        lines.append("supportcal_bookings_created_total \(counters.bookings)")
        family("supportcal_refusals_total", "counter", "Policy refusals since start, by rule.")
        for (rule, count) in counters.refusals.sorted(by: { $0.key < $1.key }) {
            lines.append("supportcal_refusals_total{rule=\"\(rule)\"} \(count)")
        }
        family("supportcal_job_runs_total", "counter", "Background job runs (outbox, sweep, sync).")
        for (job, count) in counters.jobRuns.sorted(by: { $0.key < $1.key }) {
            lines.append("supportcal_job_runs_total{job=\"\(job)\"} \(count)")
        }
        family("supportcal_job_failures_total", "counter", "Background job runs that failed.")
        for (job, count) in counters.jobFailures.sorted(by: { $0.key < $1.key }) {
            lines.append("supportcal_job_failures_total{job=\"\(job)\"} \(count)")
        }
        family("supportcal_job_last_success_timestamp_seconds", "gauge", "When each background job last succeeded.")
        for (job, date) in counters.jobLastSuccess.sorted(by: { $0.key < $1.key }) {
            lines.append("supportcal_job_last_success_timestamp_seconds{job=\"\(job)\"} \(Int(date.timeIntervalSince1970))")
        }
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: lines.joined(separator: "\n") + "\n")))
    }
}
