import Foundation
import Logging
import Scheduling
import Store
import Sync

/// Brings staff members' own busy time into the store before a decision reads it.
public protocol BusyTimeRefresher: Sendable {
    func refresh(_ window: BusyRefreshWindow) async throws
}

/// Reads the staff calendars for a window, remembering what it read for `maximumAge`
/// seconds: under load every slot list and booking would otherwise re-read every calendar.
/// Bookings stay exact either way (decided against the store in one transaction).
public actor CalendarBusyTime: BusyTimeRefresher {
    let calendars: StaffCalendars
    let store: SupportStore
    let logger: Logger
    let maximumAge: TimeInterval
    private var lastRead: [(window: BusyRefreshWindow, at: Date)] = []

    public init(calendars: StaffCalendars, store: SupportStore, maximumAge: TimeInterval = 10, logger: Logger) {
        self.calendars = calendars
        self.store = store
        self.maximumAge = maximumAge
        self.logger = logger
    }

    /// A server that cannot be reached leaves the last known busy time in place: the booking
    /// still stands, and is delivered later.
    public func refresh(_ window: BusyRefreshWindow) async throws {
        // Real time, not the decision's `now`: this is about how old the copy is.
        let started = Date()
        lastRead.removeAll { started.timeIntervalSince($0.at) >= maximumAge }
        guard !lastRead.contains(where: { $0.window.covers(window) }) else { return }
        let selected = calendars.all(localOnly: !window.live)
        let result = try await CalendarBusyRefresh(store: store).refresh(selected, from: window.range.start, to: window.range.end)
        for (calendar, problem) in result.failures {
            logger.warning(
                "calendar not re-checked; using the last synced busy time",
                metadata: ["calendar.location": "\(calendar)", "error.message": "\(problem)"])
        }
        for (calendar, objects) in result.unreadable {
            for object in objects {
                logger.warning(
                    "unreadable calendar object skipped",
                    metadata: [
                        "calendar.location": "\(calendar)", "calendar.object": "\(object.name)", "calendar.problem": "\(object.reason)",
                    ])
            }
        }
        if maximumAge > 0 { lastRead.append((window, started)) }
    }
}
