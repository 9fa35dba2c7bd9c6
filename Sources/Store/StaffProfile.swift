import Foundation
import Scheduling

/// What the store keeps of a staff member: enough for bookings to refer to them and
/// for emails and listings to name them. Working hours stay in the configuration, the
/// source of truth; `SupportStore` mirrors this subset with `mirrorStaff(_:)`.
public struct StaffProfile: Hashable, Sendable, Identifiable {
    public var key: StaffKey
    public var name: String
    public var email: String?
    public var timeZone: TimeZone
    /// False once the member left the configuration; kept because bookings refer to it.
    public var isActive: Bool

    public var id: StaffKey { key }

    public init(key: StaffKey, name: String, email: String? = nil, timeZone: TimeZone, isActive: Bool = true) {
        self.key = key
        self.name = name
        self.email = email
        self.timeZone = timeZone
        self.isActive = isActive
    }

    public init(_ staff: Staff, email: String? = nil) {
        self.init(key: staff.key, name: staff.name, email: email, timeZone: staff.timeZone)
    }
}
