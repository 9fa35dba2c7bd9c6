import Foundation
import Logging
import ServiceLifecycle

/// A background job of `supportcal serve`: runs `work` every `interval` until graceful
/// shutdown, when the run in progress finishes first (or, with `stopsMidRun`, is cancelled:
/// for work that stops safely between steps and resumes next time). It starts only once the
/// HTTP server listens, and stops at once when the service group is cancelled (the server failed).
struct PeriodicJob: Service {
    let name: String
    let interval: Duration
    var stopsMidRun = false
    let started: StartGate
    let state: ServerState
    let logger: Logger
    let now: @Sendable () -> Date
    let work: @Sendable (Date) async throws -> String?

    func run() async throws {
        await cancelWhenGracefulShutdown { await started.wait() }
        while started.isOpen, !Task.isShuttingDownGracefully, !Task.isCancelled {
            let started = now()
            do {
                let summary =
                    stopsMidRun ? try await cancelWhenGracefulShutdown { try await work(started) } : try await work(started)
                if let summary {
                    logger.info("job ran", metadata: ["job.name": "\(name)", "job.summary": "\(summary)"])
                }
                state.countJob(name, succeeded: true, at: started)
            } catch {
                state.countJob(name, succeeded: false, at: started)
                logger.warning(
                    "job failed; it runs again at the next tick", metadata: ["job.name": "\(name)", "error.message": "\(error)"])
            }
            await sleepOrWake()
        }
    }

    /// Waits for the interval or shutdown, whichever comes first.
    private func sleepOrWake() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await Task.sleep(for: interval) }
            group.addTask {
                try? await gracefulShutdown()
            }
            await group.next()
            group.cancelAll()
        }
    }
}
