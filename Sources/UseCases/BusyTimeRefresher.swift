import Foundation
import Logging
import Scheduling
import Store
import Sync

/// Brings staff members' own busy time into the store before a decision reads it.
public protocol BusyTimeRefresher: Sendable {
    func refresh(_ window: BusyRefreshWindow) async throws
}

/// Reads the staff calendars into the store, each kind as its cost suggests.
///
/// Local vdir folders are read over the whole booking horizon at once and re-read at most
/// every `maximumAge` seconds, in the background while requests go on with the last read
/// (stale by at most `maximumAge` plus one read): a listing or booking never waits for a
/// folder of thousands of files. CalDAV calendars are asked for a live window (before a
/// booking), remembered for `maximumAge`. Bookings stay exact either way: they are decided
/// against the store in one transaction. With `maximumAge` 0 every call reads what it asks.
public actor CalendarBusyTime: BusyTimeRefresher {
    let calendars: StaffCalendars
    let store: SupportStore
    let logger: Logger
    let maximumAge: TimeInterval
    /// How far ahead of the first window asked the local calendars are read.
    let localSpan: TimeInterval
    private var remoteReads: [(window: BusyRefreshWindow, at: Date)] = []
    private var localRead: (range: TimeRange, at: Date)?
    private var localReading: Task<Void, any Error>?

    public init(
        calendars: StaffCalendars, store: SupportStore, maximumAge: TimeInterval = 10, localSpan: TimeInterval = 92 * 86_400,
        logger: Logger
    ) {
        self.calendars = calendars
        self.store = store
        self.maximumAge = maximumAge
        self.localSpan = localSpan
        self.logger = logger
    }

    /// A server that cannot be reached leaves the last known busy time in place: the booking
    /// still stands, and is delivered later.
    public func refresh(_ window: BusyRefreshWindow) async throws {
        guard maximumAge > 0 else {
            return try await read(calendars.all(localOnly: !window.live), window.range)
        }
        try await keepLocalCalendarsRead(covering: window.range)
        guard window.live else { return }
        // Real time, not the decision's `now`: this is about how old the copy is.
        let started = Date()
        remoteReads.removeAll { started.timeIntervalSince($0.at) >= maximumAge }
        guard !remoteReads.contains(where: { $0.window.covers(window) }) else { return }
        try await read(calendars.remote, window.range)
        remoteReads.append((window, started))
    }

    /// Whether a background re-read of the local calendars is under way (for tests).
    public var isReadingLocalCalendars: Bool { localReading != nil }

    private func keepLocalCalendarsRead(covering range: TimeRange) async throws {
        if let kept = localRead, kept.range.contains(range) {
            if Date().timeIntervalSince(kept.at) >= maximumAge, localReading == nil {
                localReading = readLocal(kept.range)
            }
            return
        }
        if let running = localReading {
            try await running.value
            if let kept = localRead, kept.range.contains(range) { return }
        }
        let reading =
            localReading ?? readLocal(TimeRange(start: range.start, end: max(range.end, range.start.addingTimeInterval(localSpan))))
        localReading = reading
        try await reading.value
    }

    /// One read of every local calendar over `range`; whoever needs it awaits the same task.
    private func readLocal(_ range: TimeRange) -> Task<Void, any Error> {
        Task {
            let started = Date()
            do {
                let local = calendars.all(localOnly: true)
                try await withTaskExecutorPreference(FileReadingExecutor.shared) { try await self.read(local, range) }
                localRead = (range, started)
                localReading = nil
            } catch {
                localReading = nil
                logger.warning("local calendars not re-read", metadata: ["error.message": "\(error)"])
                throw error
            }
        }
    }

    /// Nonisolated, so it runs on the executor its caller prefers (the file reader's for
    /// local folders), not on this actor.
    private nonisolated func read(_ selected: [(staff: Staff, calendar: any StaffCalendar)], _ range: TimeRange) async throws {
        guard !selected.isEmpty else { return }
        let result = try await CalendarBusyRefresh(store: store).refresh(selected, from: range.start, to: range.end)
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
    }
}
