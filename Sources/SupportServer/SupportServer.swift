import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Store
import UseCases

/// The booking service: JSON API, booking, manage and account pages, and the background jobs.
public enum SupportServer {
    /// The router with every route and middleware, for `services` and for tests. `state`
    /// is shared with the background jobs when given.
    public static func router(
        _ environment: ServerEnvironment, state: ServerState? = nil, load: LoadShedding.Limits = .default
    ) -> Router<SupportRequestContext> {
        let state = state ?? ServerState(codeAttemptsPerAddress: environment.codeAttemptsPerAddress)
        let router = Router(context: SupportRequestContext.self)
        let secure = environment.publicBaseURL.scheme == "https"
        router.add(middleware: ResponseMiddleware(secure: secure, support: environment.support))
        router.add(middleware: LoadShedding(limits: load))
        router.add(middleware: CallerMiddleware(staffToken: environment.staffToken, webhookToken: environment.webhookToken))
        let operations = ServerOperations(environment: environment, state: state)
        let forms = FormProtection(key: environment.formKey, secureCookie: secure)
        OperationsAPI(operations: operations).register(on: router)
        BookingsAPI(operations: operations).register(on: router)
        StaffAPI(operations: operations).register(on: router)
        BookPage(operations: operations, forms: forms).register(on: router)
        ManagePage(operations: operations, forms: forms).register(on: router)
        FeesPage(environment: environment).register(on: router)
        AccountPages(operations: operations, forms: forms).register(on: router)
        AccountAPI(operations: operations).register(on: router)
        StaffPages(operations: operations, forms: forms).register(on: router)
        return router
    }

    /// The HTTP server plus the background jobs, as services for one `ServiceGroup`:
    /// SIGTERM stops accepting connections, lets in-flight requests and the job runs in
    /// progress finish, then exits; nothing queued is lost (it is in the store).
    public static func services(
        _ environment: ServerEnvironment, jobs: BackgroundJobs, host: String, port: Int, syncInterval: Duration,
        pollInterval: Duration = .seconds(30), onServerRunning: (@Sendable (Int) async -> Void)? = nil
    ) -> [any Service] {
        let state = ServerState(codeAttemptsPerAddress: environment.codeAttemptsPerAddress)
        let started = StartGate()
        let app = Application(
            router: router(environment, state: state),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                started.open()
                await onServerRunning?(channel.localAddress?.port ?? port)
            },
            logger: environment.logger)
        let now = environment.now
        let store = environment.desk.store
        let watch = CalendarChangeWatch()
        let checkpointer = store.path.flatMap { try? StoreCheckpointer(path: $0) }
        func job(
            _ name: String, every interval: Duration, stopsMidRun: Bool = false, _ work: @escaping @Sendable (Date) async throws -> String?
        ) -> PeriodicJob {
            PeriodicJob(
                name: name, interval: interval, stopsMidRun: stopsMidRun, started: started, state: state, logger: environment.logger,
                now: now, work: work)
        }
        // A group shuts its services down last to first: the server first, so requests in
        // flight finish and keep-alive connections close, then the jobs. The sync stops
        // between calendars and the outbox between items (the next run goes on from there);
        // the others finish their run.
        return [
            job("outbox", every: .seconds(1), stopsMidRun: true) { now in
                try await jobs.deliverOutbox(now: now)
                return nil
            },
            job("sweep", every: .seconds(60)) { now in try await jobs.sweep(now: now) },
            job("checkpoint", every: .seconds(1)) { _ in
                // Off every booking's path: see `StoreCheckpointer`.
                if let checkpointer { try await store.offload { _ = try checkpointer.checkpoint() } }
                return nil
            },
            job("sync", every: syncInterval, stopsMidRun: true) { now in try await jobs.sync(now: now) },
            job("poll", every: pollInterval, stopsMidRun: true) { now in try await jobs.poll(watch, now: now) },
            app,
        ]
    }

    /// Why the server could not start listening, in words: "address already in use".
    public static func listenFailure(_ error: any Error) -> String {
        if let io = error as? IOError { return String(cString: strerror(io.errnoCode)).lowercased() }
        return "\(error)"
    }
}
