/// A setting that cannot be used as it is (a secret not set, a key file unreadable, a bad
/// template): the command line exits 2 on one, the service logs it and keeps the work queued.
public struct SetupError: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// Whether the configuration (or its environment) must change, as opposed to a failure
    /// of the machine (a full disk) that may pass by itself.
    public var isConfiguration: Bool

    public init(_ message: String, isConfiguration: Bool = true) {
        self.message = message
        self.isConfiguration = isConfiguration
    }

    public var description: String { message }
}
