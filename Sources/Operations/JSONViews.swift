import Foundation
import Scheduling
import Store

// The JSON shapes the API and the command line's `--json` share (docs/api.md,
// docs/json.md): one type per thing, so the same thing has the same field names in both.
// Instants are ISO-8601 UTC; `local` is `CustomerTime.describe` in `zone`.

/// Money: the amount as a decimal string (exact, never a float) and its ISO 4217 currency.
/// `{"amount": "98.00", "currency": "USD"}`
public struct MoneyJSON: Codable, Sendable, Hashable {
    public var amount: String
    public var currency: String

    public init(_ money: Money) {
        amount = money.decimalText
        currency = money.currency
    }
}

/// A maintenance plan: `{"tier": "discounted", "discountPercent": 30, "lastDay": "2027-12-31"}`.
/// `lastDay` is the last day it covers in the vendor's zone, as it was entered.
public struct PlanJSON: Codable, Sendable, Hashable {
    public var tier: String
    public var discountPercent: Int?
    public var lastDay: String

    public init(_ plan: MaintenancePlan, vendorZone: TimeZone) {
        switch plan.tier {
        case .free:
            tier = "free"
        case .discounted(let percent):
            tier = "discounted"
            discountPercent = percent
        }
        lastDay = plan.lastDay(in: vendorZone).description
    }
}

/// A booking, times in UTC and in the contact's zone.
public struct BookingJSON: Codable, Sendable {
    public var id: String
    public var status: String
    public var kind: String
    public var minutes: Int
    public var start: Date
    public var end: Date
    public var local: String
    public var zone: String
    public var staff: String
    public var company: String
    public var contact: String
    public var charge: String
    public var amount: MoneyJSON
    public var feeScheduleVersion: String?
    public var sequence: Int
    public var emergency: Bool
    public var joinedAt: Date?
    public var closedAt: Date?
    public var needsRefundReview: Bool
    /// The customer's signed links (only in answers to the customer, never to staff).
    public var links: [String: String]?

    public init(_ booking: Booking, contact: Contact, isEmergency: Bool, links: [String: String]? = nil) {
        id = booking.id.rawValue
        status = booking.status.rawValue
        kind = booking.sessionType.kind.rawValue
        minutes = booking.sessionType.minutes
        start = booking.start
        end = booking.end
        local = CustomerTime.describe(booking.start, in: contact.timeZone)
        zone = contact.timeZone.identifier
        staff = booking.staff.rawValue
        company = booking.companyID.rawValue
        self.contact = contact.email
        charge = booking.charge.basis.rawValue
        amount = MoneyJSON(booking.charge.amount)
        feeScheduleVersion = booking.charge.feeScheduleVersion
        sequence = booking.sequence
        emergency = isEmergency
        joinedAt = booking.joinedAt
        closedAt = booking.closedAt
        needsRefundReview = booking.needsRefundReview
        self.links = links
    }

    public init(_ stored: StoredBooking, contact: Contact, links: [String: String]? = nil) {
        self.init(stored.booking, contact: contact, isEmergency: stored.isEmergency, links: links)
    }
}

/// Free slots of one session type, shown in `zone`.
public struct SlotsJSON: Codable, Sendable {
    public struct Row: Codable, Sendable {
        public var start: Date
        public var end: Date
        public var local: String
        /// Every staff member free for the slot.
        public var staff: [String]
    }

    public var sessionType: String
    public var zone: String
    public var slots: [Row]

    public init(_ type: SessionType, slots: [Slot], zone: TimeZone) {
        sessionType = type.description
        self.zone = zone.identifier
        self.slots = slots.map {
            Row(start: $0.start, end: $0.end, local: CustomerTime.describe($0.start, in: zone), staff: $0.staff.map(\.rawValue))
        }
    }
}

/// An emergency opening: a free gap of one staff member today.
public struct OpeningJSON: Codable, Sendable {
    public var staff: String
    public var start: Date
    public var end: Date
    public var minutes: Int
    public var local: String
    public var zone: String

    public init(_ opening: EmergencyOpening, zone: TimeZone) {
        staff = opening.staff.rawValue
        start = opening.start
        end = opening.end
        minutes = Int(opening.duration / 60)
        local = CustomerTime.describe(opening.start, in: zone)
        self.zone = zone.identifier
    }
}

/// A planned return call and, once recorded, its outcome; `next` says what the customer
/// is asked to do when the call did not settle the matter.
public struct ReturnCallJSON: Codable, Sendable {
    public var id: String
    public var staff: String
    public var start: Date
    public var end: Date
    public var local: String
    public var zone: String
    public var company: String
    public var contact: String
    public var phone: String?
    public var note: String?
    public var outcome: String?
    public var next: String?

    public init(_ record: ReturnCallRecord, contact: Contact, next: String? = nil) {
        id = record.id
        staff = record.staff.rawValue
        start = record.start
        end = record.end
        local = CustomerTime.describe(record.start, in: contact.timeZone)
        zone = contact.timeZone.identifier
        company = record.companyID.rawValue
        self.contact = contact.email
        phone = contact.phone
        note = record.note
        outcome = record.outcome?.rawValue
        self.next = next
    }
}

/// A recorded reinstatement payment.
public struct ReinstatementJSON: Codable, Sendable {
    public var company: String
    public var amount: MoneyJSON
    public var reference: String

    public init(_ payment: Payment) {
        company = payment.companyID.rawValue
        amount = MoneyJSON(payment.amount)
        reference = payment.reference
    }
}

/// One outbox entry of a booking: a calendar write or an email, and how its delivery stands.
public struct OutboxEntryJSON: Codable, Sendable {
    public var kind: String
    public var status: String
    public var key: String
    public var target: String
    /// When the next attempt is due (pending entries only).
    public var due: Date?
    public var lastError: String?

    public init(_ item: OutboxItem) {
        kind = item.kind.rawValue
        status = item.status.rawValue
        key = item.dedupeKey
        target = item.target
        due = item.status == .pending ? item.nextAttemptAt : nil
        lastError = item.lastError
    }
}
