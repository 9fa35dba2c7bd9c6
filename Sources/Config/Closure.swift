import Scheduling

/// A day the whole vendor is closed (`[[closures]]`): no staff member works, in their own zone.
public struct Closure: Hashable, Sendable {
    public var date: LocalDate
    /// What the day is, e.g. "Christmas Day".
    public var name: String

    public init(date: LocalDate, name: String) {
        self.date = date
        self.name = name
    }
}
