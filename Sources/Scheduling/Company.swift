import Foundation

/// §1: the customer. Bookings, no-shows and the maintenance code belong to the
/// company, not to the contact who happened to book.
public struct Company: Hashable, Codable, Sendable, Identifiable {
    public var id: CompanyID
    public var name: String
    /// Current and past plans; the one in force at an instant is `plan(at:)`.
    public var plans: [MaintenancePlan]
    /// `nil` until the vendor issues one.
    public var maintenanceCode: MaintenanceCode?

    public init(id: CompanyID, name: String, plans: [MaintenancePlan] = [], maintenanceCode: MaintenanceCode? = nil) {
        self.id = id
        self.name = name
        self.plans = plans
        self.maintenanceCode = maintenanceCode
    }

    /// The plan active at `instant`, preferring the most generous tier if plans overlap.
    public func plan(at instant: Date) -> MaintenancePlan? {
        plans.filter { $0.isActive(at: instant) }.min { $0.tier < $1.tier }
    }

    public func hasActivePlan(at instant: Date) -> Bool { plan(at: instant) != nil }
}

/// §1: a person who books for a company. Their zone is how every time is shown to them.
public struct Contact: Hashable, Codable, Sendable, Identifiable {
    public var id: ContactID
    public var companyID: CompanyID
    public var name: String
    public var email: String
    public var timeZone: TimeZone
    /// Where staff call them back (§8), as the vendor wrote it down.
    public var phone: String?

    public init(id: ContactID, companyID: CompanyID, name: String, email: String, timeZone: TimeZone, phone: String? = nil) {
        self.id = id
        self.companyID = companyID
        self.name = name
        self.email = email
        self.timeZone = timeZone
        self.phone = phone
    }

    /// For the edges, where the zone arrives as an IANA name.
    public init(id: ContactID, companyID: CompanyID, name: String, email: String, timeZoneIdentifier: String, phone: String? = nil)
        throws(SchedulingError)
    {
        guard let zone = TimeZone(identifier: timeZoneIdentifier) else {
            throw SchedulingError(.unknownTimeZone, "\(timeZoneIdentifier) is not an IANA time zone identifier (contact \(id))")
        }
        self.init(id: id, companyID: companyID, name: name, email: email, timeZone: zone, phone: phone)
    }
}
