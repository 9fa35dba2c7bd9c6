import Foundation
import Store

/// Runs a request's work once per key: the API's `Idempotency-Key` and the booking
/// form's own key (a double-clicked Confirm). A retry with the same key and content gets
/// the first answer again; the same key with other content is a mismatch.
struct IdempotentOnce: Sendable {
    let store: SupportStore

    /// A recorded answer: an HTTP status and its body (for a redirect, the location).
    struct Answer: Sendable {
        var status: Int
        var body: String
    }

    enum Outcome: Sendable {
        case answered(Answer, replayed: Bool)
        case inProgress
        case mismatch
    }

    /// `waiting`: how long to wait for a first request still in progress (a form's second
    /// click arrives while the first books) before answering `.inProgress`.
    func run(
        key: String, fingerprint: String, now: @Sendable () -> Date, waiting: Duration = .zero,
        _ work: () async throws -> Answer
    ) async throws -> Outcome {
        let deadline = ContinuousClock.now.advanced(by: waiting)
        while true {
            let instant = now()
            switch try await store.write({ tx in try tx.claimIdempotencyKey(key, fingerprint: fingerprint, now: instant) }) {
            case .claimed:
                let answer: Answer
                do {
                    answer = try await work()
                } catch {
                    // Nothing was done: free the key so a retry runs afresh.
                    try? await store.write { tx in try tx.releaseIdempotencyKey(key) }
                    throw error
                }
                // If recording fails the key stays claimed: retries are told to wait, and only
                // after the 2-minute takeover could one act again (an unwritable store).
                try await store.write { tx in try tx.completeIdempotencyKey(key, status: answer.status, body: answer.body) }
                return .answered(answer, replayed: false)
            case .completed(let status, let body):
                return .answered(Answer(status: status, body: body), replayed: true)
            case .mismatch:
                return .mismatch
            case .inProgress:
                guard ContinuousClock.now < deadline else { return .inProgress }
                try await Task.sleep(for: .milliseconds(100))
            }
        }
    }
}
