import Mail
import Operations
import Synchronization

/// What sending email needs: the composer (templates, link key, addresses) and the
/// transport. Loaded on the first email and kept, so a run with no email reads no templates
/// or key. A broken setting is kept as the error: every email stays queued with the reason,
/// to go out once it is fixed, while calendar writes go on.
public final class MailSetup: Sendable {
    public typealias Ready = (composer: NoticeComposer, transport: MailTransport)
    private let load: @Sendable () throws -> Ready
    private let loaded = Mutex<Result<Ready, any Error>?>(nil)

    public init(_ load: @escaping @Sendable () throws -> Ready) {
        self.load = load
    }

    /// No email can be sent (a test, a benchmark): each stays queued with `reason`.
    public static func unavailable(_ reason: String) -> MailSetup {
        MailSetup { throw SetupError(reason) }
    }

    public func ready() throws -> Ready {
        if let result = loaded.withLock({ $0 }) { return try result.get() }
        let result = Result { try load() }
        loaded.withLock { $0 = $0 ?? result }
        return try result.get()
    }
}
