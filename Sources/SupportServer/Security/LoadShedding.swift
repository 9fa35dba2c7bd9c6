import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// Overload is answered, not queued without end: at most `concurrent` requests run at
/// once, at most `queued` more wait (each at most `maximumWait`), and anything beyond is
/// refused at once with 503 and `Retry-After`. Under twice the load it can serve, the
/// service keeps its latency for the requests it takes instead of letting every
/// request's latency grow until none completes. `/healthz` is never shed.
public struct LoadShedding: RouterMiddleware {
    public typealias Context = SupportRequestContext

    public struct Limits: Sendable {
        public var concurrent: Int
        public var queued: Int
        public var maximumWait: Duration

        public init(concurrent: Int, queued: Int, maximumWait: Duration) {
            self.concurrent = concurrent
            self.queued = queued
            self.maximumWait = maximumWait
        }

        /// Enough to keep two cores busy while the store and calendars answer.
        public static let `default` = Limits(concurrent: 64, queued: 256, maximumWait: .seconds(2))
    }

    let gate: AdmissionGate

    init(limits: Limits = .default) {
        gate = AdmissionGate(limits: limits)
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.uri.path == "/healthz" { return try await next(request, context) }
        guard await gate.enter() else {
            throw HTTPError(
                .serviceUnavailable, headers: [.retryAfter: "1"],
                message: "The service is busy right now. Please try again in a moment.")
        }
        defer { gate.leave() }
        return try await next(request, context)
    }
}

/// Counting semaphore with a bounded, time-limited queue.
final class AdmissionGate: Sendable {
    private struct State {
        var running = 0
        var waiting: [(id: UInt64, continuation: CheckedContinuation<Bool, Never>)] = []
        var nextID: UInt64 = 0
        /// Admitted to the queue, continuation not yet stored.
        var pending: Set<UInt64> = []
        /// Timed out before their continuation was stored.
        var expiredEarly: Set<UInt64> = []
    }

    let limits: LoadShedding.Limits
    private let state = Mutex(State())

    init(limits: LoadShedding.Limits) {
        self.limits = limits
    }

    /// True when the request may run (now or after waiting); false when it is shed.
    func enter() async -> Bool {
        enum Admission {
            case now, shed
            case wait(UInt64)
        }
        let admission: Admission = state.withLock { state in
            if state.running < limits.concurrent {
                state.running += 1
                return .now
            }
            guard state.waiting.count + state.pending.count < limits.queued else { return .shed }
            state.nextID += 1
            state.pending.insert(state.nextID)
            return .wait(state.nextID)
        }
        switch admission {
        case .now: return true
        case .shed: return false
        case .wait(let id):
            let timeout = Task { [limits] in
                guard (try? await Task.sleep(for: limits.maximumWait)) != nil else { return }
                self.expire(id)
            }
            defer { timeout.cancel() }
            return await withCheckedContinuation { continuation in
                let late = state.withLock { state in
                    state.pending.remove(id)
                    if state.expiredEarly.remove(id) != nil { return true }
                    state.waiting.append((id, continuation))
                    return false
                }
                if late { continuation.resume(returning: false) }
            }
        }
    }

    func leave() {
        let next = state.withLock { state -> CheckedContinuation<Bool, Never>? in
            guard !state.waiting.isEmpty else {
                state.running -= 1
                return nil
            }
            // The slot passes straight to the oldest waiter: `running` stays the same.
            return state.waiting.removeFirst().continuation
        }
        next?.resume(returning: true)
    }

    private func expire(_ id: UInt64) {
        let expired = state.withLock { state -> CheckedContinuation<Bool, Never>? in
            guard let index = state.waiting.firstIndex(where: { $0.id == id }) else {
                if state.pending.contains(id) { state.expiredEarly.insert(id) }
                return nil
            }
            return state.waiting.remove(at: index).continuation
        }
        expired?.resume(returning: false)
    }

    /// Requests running and waiting now (for tests and `/metrics`).
    var load: (running: Int, waiting: Int) { state.withLock { ($0.running, $0.waiting.count) } }
}
