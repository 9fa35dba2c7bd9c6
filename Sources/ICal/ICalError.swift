/// Why an iCalendar text or value was refused.
public struct ICalError: Error, CustomStringConvertible, Sendable, Equatable {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String { case malformed, notACalendar, invalidValue, unknownTimeZone, tooComplex }
        private let value: Value
        /// The text breaks iCalendar syntax (unbalanced BEGIN/END, a line with no value, ...).
        public static let malformed = Code(value: .malformed)
        /// Syntactically fine, but not a VCALENDAR object.
        public static let notACalendar = Code(value: .notACalendar)
        /// A property value that cannot be used (a date that is no date, an end before a start).
        public static let invalidValue = Code(value: .invalidValue)
        /// A TZID or zone name that neither the file nor the system time zone database defines.
        public static let unknownTimeZone = Code(value: .unknownTimeZone)
        /// A recurrence that would expand past the safety limit.
        public static let tooComplex = Code(value: .tooComplex)
        public var description: String { value.rawValue }
    }

    public var code: Code
    public var message: String
    /// 1-based line in the input where the problem is, when it is known.
    public var line: Int?

    public init(_ code: Code, _ message: String, line: Int? = nil) {
        self.code = code
        self.message = message
        self.line = line
    }

    public var description: String {
        if let line { return "line \(line): \(message)" }
        return message
    }
}

/// A problem libical recovered from while parsing; the rest of the object is usable.
public struct ICalIssue: Sendable, Hashable, CustomStringConvertible {
    /// Where: the component path, e.g. `VCALENDAR/VEVENT`.
    public var component: String
    public var message: String
    public var description: String { "\(component): \(message)" }
}
