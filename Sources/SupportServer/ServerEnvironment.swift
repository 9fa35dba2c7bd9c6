import Foundation
import Logging
import Mail
import Operations
import Scheduling
import Store

/// The work `supportcal serve` does besides answering requests. The composition root
/// implements it with the same code as `supportcal sweep` and `supportcal sync`, so the
/// service and the commands can never disagree.
public protocol ServerJobs: Sendable {
    /// Delivers due outbox items (one booking's, or all).
    func deliverOutbox(booking: BookingID?, now: Date) async throws
    /// Closes no-shows and delivers what is due; returns a one-line summary for the log.
    func sweep(now: Date) async throws -> String
    /// Reads staff calendars' changes and refreshes busy time; returns a summary.
    func sync(now: Date) async throws -> String
    /// Re-reads staff calendars' busy time for the window before a slot list or booking.
    func refreshBusy(from: Date, to: Date, live: Bool) async throws
}

/// Everything the HTTP service needs, handed in by the composition root.
public struct ServerEnvironment: Sendable {
    public var desk: BookingDesk
    public var sessionTypes: [SessionType]
    public var eventBuilder: BookingEventBuilder
    public var signer: LinkSigner
    /// Signs the pages' CSRF form tokens (`LinkSigningKey.derivedKey(for:)`).
    public var formKey: Data
    public var publicBaseURL: URL
    /// Bearer tokens; `nil` turns the endpoints that need them off (401 without an
    /// Authorization header, 403 with one).
    public var staffToken: String?
    public var webhookToken: String?
    public var trustForwardedFor: Bool
    public var codeAttemptsPerAddress: Int
    /// Named on every page a customer cannot go on from by themselves.
    public var support: SupportContact
    public var jobs: any ServerJobs
    public var now: @Sendable () -> Date
    public var logger: Logger

    public init(
        desk: BookingDesk, sessionTypes: [SessionType], eventBuilder: BookingEventBuilder, signer: LinkSigner, formKey: Data,
        publicBaseURL: URL, staffToken: String?, webhookToken: String?, trustForwardedFor: Bool = false,
        codeAttemptsPerAddress: Int = 5, support: SupportContact = SupportContact(), jobs: any ServerJobs,
        now: @escaping @Sendable () -> Date = { Date() }, logger: Logger
    ) {
        self.desk = desk
        self.sessionTypes = sessionTypes
        self.eventBuilder = eventBuilder
        self.signer = signer
        self.formKey = formKey
        self.publicBaseURL = publicBaseURL
        self.staffToken = staffToken
        self.webhookToken = webhookToken
        self.trustForwardedFor = trustForwardedFor
        self.codeAttemptsPerAddress = codeAttemptsPerAddress
        self.support = support
        self.jobs = jobs
        self.now = now
        self.logger = logger
    }

    public var store: SupportStore { desk.store }
    public var policy: Policy { desk.policy }
}
