import Foundation
import Logging
import Operations
import Scheduling
import Store
import Sync

/// Everything a person or a background job can do in SupportCal, for the command line and
/// the HTTP service alike: list slots, book, cancel, reschedule, join, handle emergencies,
/// return calls, reinstatement and calendar replies, sweep, sync and deliver the outbox.
///
/// Each use case re-reads the staff calendars it needs first (`BusyRefreshWindow` says
/// which), then lets `BookingDesk` decide and record in one store transaction. Callers
/// turn the answers into their own output (a terminal line, a JSON body, a page) and
/// their own errors; nothing here knows about HTTP or argument parsing.
public struct SupportDesk: Sendable {
    /// The transactional core: policy decisions recorded with their outbox items.
    public let bookings: BookingDesk
    public let menu: SessionMenu
    public let eventBuilder: BookingEventBuilder
    public let calendars: StaffCalendars
    let busyTime: any BusyTimeRefresher
    let mail: MailSetup
    /// What slot listings read, kept until the store changes (never used to decide a booking).
    let availabilityCache: AvailabilityCache
    public let logger: Logger

    public init(
        bookings: BookingDesk, menu: SessionMenu, eventBuilder: BookingEventBuilder, calendars: StaffCalendars,
        busyTime: any BusyTimeRefresher, mail: MailSetup, availabilityCache: AvailabilityCache = AvailabilityCache(), logger: Logger
    ) {
        self.availabilityCache = availabilityCache
        self.bookings = bookings
        self.menu = menu
        self.eventBuilder = eventBuilder
        self.calendars = calendars
        self.busyTime = busyTime
        self.mail = mail
        self.logger = logger
    }

    public var store: SupportStore { bookings.store }
    public var policy: Policy { bookings.policy }
    public var staff: [Staff] { bookings.staff }
    public var feeSchedule: FeeSchedule { bookings.feeSchedule }

    /// Re-reads the staff calendars for `window` (a cached read may answer it).
    public func refreshBusy(_ window: BusyRefreshWindow) async throws {
        try await busyTime.refresh(window)
    }

    /// Blocking store work runs on the store's threads, never on the caller's executor.
    func decide<T: Sendable>(_ body: @escaping @Sendable (BookingDesk) throws -> T) async throws -> T {
        let desk = bookings
        return try await store.offloadWriting { try body(desk) }
    }

    // MARK: Lookups (callers say "not found" in their own terms)

    public func contact(email: String) async throws -> (Company, Contact)? {
        let email = email.trimmingCharacters(in: .whitespaces)
        return try await store.read { tx -> (Company, Contact)? in
            guard let contact = try tx.contact(email: email) else { return nil }
            return (try tx.requireCompany(contact.companyID), contact)
        }
    }

    public func contact(_ id: ContactID) async throws -> Contact {
        try await store.read { tx in try tx.requireContact(id) }
    }

    public func company(_ id: CompanyID) async throws -> Company? {
        try await store.read { tx in try tx.company(id) }
    }

    /// A booking with its company and contact.
    public func booking(_ id: BookingID) async throws -> (StoredBooking, Company, Contact)? {
        try await store.read { tx -> (StoredBooking, Company, Contact)? in
            guard let stored = try tx.storedBooking(id) else { return nil }
            return (stored, try tx.requireCompany(stored.booking.companyID), try tx.requireContact(stored.booking.contactID))
        }
    }
}
