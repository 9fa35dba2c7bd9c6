import Foundation
import Logging
import Mail
import Operations
import Scheduling
import Store
import UseCases

/// Everything the HTTP service needs, handed in by the composition root.
public struct ServerEnvironment: Sendable {
    /// Every use case the routes offer, shared with the command line.
    public var desk: SupportDesk
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
    /// Opens the maintenance code for the customer's profile; nil shows "ask us for it".
    public var codeSealer: CodeSealer?
    /// Staff members marked `admin = true`: they alone change plans, codes and payments.
    public var staffAdmins: Set<StaffKey>
    public var now: @Sendable () -> Date
    public var logger: Logger

    public init(
        desk: SupportDesk, signer: LinkSigner, formKey: Data,
        publicBaseURL: URL, staffToken: String?, webhookToken: String?, trustForwardedFor: Bool = false,
        codeAttemptsPerAddress: Int = 5, support: SupportContact = SupportContact(), codeSealer: CodeSealer? = nil,
        staffAdmins: Set<StaffKey> = [],
        now: @escaping @Sendable () -> Date = { Date() }, logger: Logger
    ) {
        self.desk = desk
        self.signer = signer
        self.formKey = formKey
        self.publicBaseURL = publicBaseURL
        self.staffToken = staffToken
        self.webhookToken = webhookToken
        self.trustForwardedFor = trustForwardedFor
        self.codeAttemptsPerAddress = codeAttemptsPerAddress
        self.support = support
        self.codeSealer = codeSealer
        self.staffAdmins = staffAdmins
        self.now = now
        self.logger = logger
    }

    public var store: SupportStore { desk.store }
    public var policy: Policy { desk.policy }
    public var eventBuilder: BookingEventBuilder { desk.eventBuilder }
    public var signIn: AccountSignIn { AccountSignIn(store: desk.store) }
    public var staffSignIn: StaffSignIn { StaffSignIn(store: desk.store) }
    public var account: CustomerAccount { CustomerAccount(desk: desk, sealer: codeSealer, supportAddress: support.email) }
}
