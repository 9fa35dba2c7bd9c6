import ArgumentParser
import Foundation
import Logging
import Mail
import Operations
import Scheduling
import ServiceLifecycle
import Store
import SupportServer
import Synchronization
import UseCases

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the booking service: JSON API, booking pages, customers' account, staff console, and the background jobs.",
        discussion: """
            Listens on [http] address and port (default 127.0.0.1:8080; put a reverse proxy with TLS in front for the internet). In the \
            same process: outbox delivery (every second: calendar writes, emails, reminders when due), the sweep (closing no-shows; every \
            minute), a cheap check of each CalDAV staff calendar (every [sync] poll_seconds, default 30: one PROPFIND of its sync token or \
            ctag, and a sync of that calendar only when it changed, so a staff member's drag reaches the customer in seconds) and the \
            full calendar sync (every [http] sync_interval_minutes, default 5). SIGTERM or SIGINT stops accepting connections, \
            finishes requests and job runs in progress, then exits 0.

            Staff endpoints need `Authorization: Bearer $SUPPORTCAL_STAFF_TOKEN`, the conference system's join webhook \
            `$SUPPORTCAL_WEBHOOK_TOKEN` (the variables [http] staff_token_env and webhook_token_env name; at least 16 characters). \
            Without them those endpoints refuse every caller (401/403). Customers sign in at /account and staff (the \
            [[staff]] email addresses; `admin = true` for plans, codes and payments) at /staff, both by emailed link. The API \
            and the pages are described in docs/api.md.

            Example: SUPPORTCAL_STAFF_TOKEN=… supportcal serve --port 8080
            """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "Listen on this address instead of [http] address.") var host: String?
    @Option(help: "Listen on this port instead of [http] port (0: any free port, printed at start).") var port: Int?
    @Option(help: "Log level: trace, debug, info, notice, warning, error.") var logLevel: String = "info"

    func run() async throws {
        try await reportingFailures(json: global.json) {
            guard let level = Logger.Level(rawValue: logLevel) else {
                throw CommandFailure(
                    message: "--log-level \(logLevel): use trace, debug, info, notice, warning or error", exitCode: ExitStatus.usage)
            }
            let context = try AppContext.open(global, logLevel: level, longRunning: true)
            let settings = context.configuration.http
            let staffToken = try Self.token(settings.staffTokenVariable)
            let webhookToken = try Self.token(settings.webhookTokenVariable)
            if staffToken == nil {
                context.logger.warning(
                    "no staff token: staff endpoints refuse every caller", metadata: ["config.variable": "\(settings.staffTokenVariable)"])
            }
            let key = try LinkKeyFile.key(context.configuration)
            // With --now the service's clock starts at that instant and runs on (for demos and tests).
            let offset = global.now == nil ? 0 : context.now.timeIntervalSince(Date())
            let clock: @Sendable () -> Date = { Date().addingTimeInterval(offset) }
            let environment = ServerEnvironment(
                desk: context.desk, signer: LinkSigner(key: key), formKey: key.derivedKey(for: "supportcal-forms"),
                publicBaseURL: context.configuration.publicBaseURL,
                staffToken: staffToken, webhookToken: webhookToken, trustForwardedFor: settings.trustForwardedFor,
                codeAttemptsPerAddress: settings.codeAttemptsPerAddress,
                support: SupportContact(email: context.configuration.mail.supportAddress, phone: context.configuration.conference.phone),
                codeSealer: try CodeSealer.configured(context.configuration),
                staffAdmins: Set(context.configuration.staff.filter(\.isAdmin).map(\.key)), now: clock, logger: context.logger)
            let host = self.host ?? settings.address
            let port = self.port ?? settings.port
            let listening = Atomic(false)
            let jobs = BackgroundJobs(desk: context.desk, lockFolder: context.configuration.dataDirectory)
            await context.desk.warmUp(now: clock())
            let services = SupportServer.services(
                environment, jobs: jobs, host: host, port: port,
                syncInterval: .seconds(60 * settings.syncIntervalMinutes),
                pollInterval: .seconds(context.configuration.sync.pollSeconds)
            ) { port in
                listening.store(true, ordering: .relaxed)
                FileHandle.standardOutput.write(Data("supportcal serve: listening on http://\(host):\(port)\n".utf8))
            }
            // The group's own error log would repeat what is printed below, once per service.
            var groupLogger = context.logger
            groupLogger.logLevel = .critical
            var groupConfiguration = ServiceGroupConfiguration(
                services: services.map { .init(service: $0) }, gracefulShutdownSignals: [.sigterm, .sigint], logger: groupLogger)
            // SIGTERM drains within 10 s: 8 s for requests and job runs in flight, then they are
            // cancelled (a booking is one transaction: it commits whole or not at all).
            groupConfiguration.maximumGracefulShutdownDuration = .seconds(8)
            groupConfiguration.maximumCancellationDuration = .seconds(2)
            let group = ServiceGroup(configuration: groupConfiguration)
            do {
                try await group.run()
            } catch {
                // A port in use or an address not on this machine: one line, exit 1, and the
                // background jobs never started (they wait for the server to listen).
                guard listening.load(ordering: .relaxed) else {
                    throw CommandFailure(message: "serve: cannot listen on \(host):\(port): \(SupportServer.listenFailure(error))")
                }
                throw CommandFailure(message: "serve stopped: \(error)")
            }
        }
    }

    static func token(_ variable: String) throws -> String? {
        guard let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty else { return nil }
        guard value.count >= 16 else {
            throw CommandFailure(
                message: "$\(variable) is \(value.count) characters; use at least 16 (e.g. `openssl rand -hex 24`)",
                exitCode: ExitStatus.usage)
        }
        return value
    }
}
