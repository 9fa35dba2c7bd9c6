/// Invalid input to the policy functions (a malformed configuration or an illegal
/// state transition). Refusals by policy are `Decision.refused`, never this.
public struct SchedulingError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String, Hashable, Sendable {
            case unknownTimeZone, invalidTimeOfDay, invalidRange, invalidAmount, currencyMismatch
            case illegalTransition, invalidConfiguration, invalidInput
        }
        private let value: Value
        public static let unknownTimeZone = Code(value: .unknownTimeZone)
        public static let invalidTimeOfDay = Code(value: .invalidTimeOfDay)
        public static let invalidRange = Code(value: .invalidRange)
        public static let invalidAmount = Code(value: .invalidAmount)
        public static let currencyMismatch = Code(value: .currencyMismatch)
        public static let illegalTransition = Code(value: .illegalTransition)
        public static let invalidConfiguration = Code(value: .invalidConfiguration)
        /// A value given by the caller that cannot be right (a join time after now).
        public static let invalidInput = Code(value: .invalidInput)
        public var description: String { value.rawValue }
    }

    public var code: Code
    /// What was wrong and what to do about it, for the operator.
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
