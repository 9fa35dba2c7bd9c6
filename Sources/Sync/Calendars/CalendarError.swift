/// Why a calendar operation failed.
public struct CalendarError: Error, CustomStringConvertible, Sendable {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String { case conflict, notFound, unavailable, invalid }
        private let value: Value
        /// The object exists already (create) or changed since the ETag we hold (update, delete).
        public static let conflict = Code(value: .conflict)
        public static let notFound = Code(value: .notFound)
        /// The calendar could not be reached or written (folder permissions, server down).
        public static let unavailable = Code(value: .unavailable)
        /// What we were asked to write is not acceptable (a name with a slash, ...).
        public static let invalid = Code(value: .invalid)
        public var description: String { value.rawValue }
    }

    public var code: Code
    /// The calendar's location (path or URL without credentials).
    public var calendar: String
    public var object: String?
    public var message: String

    public init(_ code: Code, calendar: String, object: String? = nil, _ message: String) {
        self.code = code
        self.calendar = calendar
        self.object = object
        self.message = message
    }

    public var description: String {
        "\(calendar)\(object.map { "/\($0)" } ?? ""): \(message)"
    }
}
