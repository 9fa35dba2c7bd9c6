import Foundation
import ICal
import Synchronization

/// What each file of a vdir contributes to busy time, kept per process and keyed by the
/// file's ETag (inode, size, mtime), as vdirsyncer keeps its status: a re-read stats the
/// folder and parses only the files that changed. A calendar of 11,000 files is parsed
/// once, not on every slot list and booking.
final class VdirBusyIndex: Sendable {
    static let shared = VdirBusyIndex()

    /// What one file holds, as far as busy time goes.
    enum Contribution: Sendable {
        /// One of our bookings: counted from the store instead.
        case booking
        /// No recurrence: its busy time, read once over all time and clipped per request.
        case fixed([BusyInterval])
        /// RRULE or RDATE: expanded for each window asked (cheap next to parsing).
        case recurring(ICalDocument)
        case unreadable(String)
    }

    struct Entry: Sendable {
        var etag: String
        var zone: String
        var contribution: Contribution
    }

    /// Far enough either way that no session falls outside: a fixed event is read once.
    static let allTime = (from: Date(timeIntervalSince1970: 0), to: Date(timeIntervalSince1970: 7_258_118_400))

    private let folders = Mutex<[String: [String: Entry]]>([:])

    /// The contributions of the files in `listing` (name → ETag), reading with `read`
    /// only the names whose ETag or zone differ from what is kept; names no longer
    /// listed are forgotten. In no particular order.
    func contributions(
        folder: String, listing: [String: String], zone: String, read: (String) -> Contribution
    ) -> [(name: String, contribution: Contribution)] {
        let known = folders.withLock { $0[folder] ?? [:] }
        var current: [String: Entry] = [:]
        current.reserveCapacity(listing.count)
        for (name, etag) in listing {
            if let entry = known[name], entry.etag == etag, entry.zone == zone {
                current[name] = entry
            } else {
                current[name] = Entry(etag: etag, zone: zone, contribution: read(name))
            }
        }
        folders.withLock { $0[folder] = current }
        return current.map { ($0.key, $0.value.contribution) }
    }

    /// How many files of `folder` are kept (for tests and benchmarks).
    func count(folder: String) -> Int { folders.withLock { $0[folder]?.count ?? 0 } }
}
