/// A configuration the service cannot run with: names the file, the key and the problem.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The configuration file, or the environment variable, that held the value.
    public var source: String
    /// The dotted key, e.g. `staff[1].time_zone`; empty for the file as a whole.
    public var key: String
    public var problem: String

    public init(source: String, key: String, problem: String) {
        self.source = source
        self.key = key
        self.problem = problem
    }

    public var description: String {
        key.isEmpty ? "\(source): \(problem)" : "\(source): \(key): \(problem)"
    }
}
