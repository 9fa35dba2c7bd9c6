import FileSystem
import Foundation
import ICal

#if canImport(Glibc)
    import Glibc
#endif

/// A calendar kept as a folder of `.ics` files, one object per file: the vdir format
/// khal and vdirsyncer read and write, and SupportCal's embedded default.
///
/// ETags are derived from each file's inode, size and modification time (as vdirsyncer
/// does), so an edit made by any program is noticed without reading every file.
public struct VdirCalendar: StaffCalendar {
    public let folder: URL

    public init(folder: URL) {
        self.folder = folder
    }

    public var location: String { folder.path }

    public func object(named name: String) async throws(CalendarError) -> CalendarObjectCopy? {
        let path = try self.path(of: name)
        guard let etag = Self.etag(atPath: path) else { return nil }
        return try read(name: name, path: path, etag: etag)
    }

    public func create(named name: String, _ document: ICalDocument) async throws(CalendarError) -> String {
        let path = try self.path(of: name)
        try ensureFolder()
        // An atomic create-if-absent (link(2) refuses an existing name), like If-None-Match: *.
        let created: Bool
        do {
            created = try AtomicFile.create(Array(document.text.utf8), at: path)
        } catch {
            throw failure(name, "cannot create the file", error)
        }
        guard created else { throw CalendarError(.conflict, calendar: location, object: name, "the object exists already") }
        return Self.etag(atPath: path) ?? ""
    }

    public func update(named name: String, _ document: ICalDocument, ifMatch etag: String) async throws(CalendarError) -> String {
        let path = try self.path(of: name)
        try requireVersion(name: name, path: path, etag: etag)
        // rename(2) replaces atomically: a reader sees the old or the new file, never half.
        do {
            try AtomicFile.replace(Array(document.text.utf8), at: path)
        } catch {
            throw failure(name, "cannot replace the file", error)
        }
        return Self.etag(atPath: path) ?? ""
    }

    public func delete(named name: String, ifMatch etag: String) async throws(CalendarError) {
        let path = try self.path(of: name)
        try requireVersion(name: name, path: path, etag: etag)
        guard unlink(path) == 0 else { throw failure(name, "cannot remove the file", errno) }
    }

    public func changes(since known: CalendarSnapshot) async throws(CalendarError) -> CalendarChanges {
        let current = try listing()
        var changed: [CalendarObjectCopy] = []
        var unreadable: [UnreadableObject] = []
        for (name, etag) in current.sorted(by: { $0.key < $1.key }) where known.etags[name] != etag {
            do {
                changed.append(try read(name: name, path: folder.appendingPathComponent(name).path, etag: etag))
            } catch {
                unreadable.append(UnreadableObject(name: name, reason: error.message))
            }
        }
        let deleted = known.etags.keys.filter { current[$0] == nil }.sorted()
        return CalendarChanges(changed: changed, deleted: deleted, unreadable: unreadable, snapshot: CalendarSnapshot(etags: current))
    }

    public func busy(from: Date, to: Date, floatingTimeZone: String) async throws(CalendarError) -> BusyReport {
        let listing = try listing()
        let contributions = VdirBusyIndex.shared.contributions(folder: folder.path, listing: listing, zone: floatingTimeZone) {
            name in contribution(of: name, etag: listing[name] ?? "", floatingTimeZone: floatingTimeZone)
        }
        var intervals: [BusyInterval] = []
        var unreadable: [UnreadableObject] = []
        for (name, contribution) in contributions {
            switch contribution {
            case .booking: continue
            case .fixed(let busy): intervals += busy.compactMap { $0.clipped(from: from, to: to) }
            case .recurring(let document):
                do {
                    intervals += try document.busyIntervals(from: from, to: to, floatingTimeZone: floatingTimeZone)
                } catch {
                    unreadable.append(UnreadableObject(name: name, reason: "\(error)"))
                }
            case .unreadable(let reason): unreadable.append(UnreadableObject(name: name, reason: reason))
            }
        }
        return BusyReport(intervals: BusyInterval.merged(intervals), unreadable: unreadable.sorted { $0.name < $1.name })
    }

    /// What one file adds to busy time; parsed only when the index does not know it.
    private func contribution(of name: String, etag: String, floatingTimeZone: String) -> VdirBusyIndex.Contribution {
        do {
            let copy = try read(name: name, path: folder.appendingPathComponent(name).path, etag: etag)
            // Our own bookings are counted from the store; counting their events too
            // would make a booking block its own reschedule.
            if copy.bookingID != nil { return .booking }
            if copy.document.text.contains("\r\nRRULE") || copy.document.text.contains("\r\nRDATE") {
                return .recurring(copy.document)
            }
            let all = VdirBusyIndex.allTime
            return .fixed(try copy.document.busyIntervals(from: all.from, to: all.to, floatingTimeZone: floatingTimeZone))
        } catch let error as CalendarError {
            return .unreadable(error.message)
        } catch {
            return .unreadable("\(error)")
        }
    }

    // MARK: - Files

    /// Every `.ics` file and its ETag. A folder that does not exist yet is an empty calendar.
    func listing() throws(CalendarError) -> [String: String] {
        let entries: [DirectoryListing.Entry]?
        do {
            entries = try DirectoryListing.files(in: folder.path, suffix: ".ics")
        } catch {
            throw CalendarError(.unavailable, calendar: location, "cannot list the folder: \(error.reason)")
        }
        var result: [String: String] = [:]
        result.reserveCapacity(entries?.count ?? 0)
        for entry in entries ?? [] { result[entry.name] = entry.version }
        return result
    }

    private func path(of name: String) throws(CalendarError) -> String {
        guard !name.isEmpty, !name.contains("/"), !name.hasPrefix("."), name.hasSuffix(".ics") else {
            throw CalendarError(.invalid, calendar: location, object: name, "not a calendar object name (NAME.ics, no slashes)")
        }
        return folder.appendingPathComponent(name).path
    }

    private func read(name: String, path: String, etag: String) throws(CalendarError) -> CalendarObjectCopy {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CalendarError(.notFound, calendar: location, object: name, "the file is gone or unreadable")
        }
        do {
            return CalendarObjectCopy(name: name, etag: etag, document: try ICalDocument(parsing: String(decoding: data, as: UTF8.self)))
        } catch {
            throw CalendarError(.invalid, calendar: location, object: name, "not a readable calendar object: \(error)")
        }
    }

    private func requireVersion(name: String, path: String, etag: String) throws(CalendarError) {
        guard let current = Self.etag(atPath: path) else {
            throw CalendarError(.notFound, calendar: location, object: name, "the object is gone")
        }
        guard current == etag else {
            throw CalendarError(
                .conflict, calendar: location, object: name, "the object changed since it was read (ETag \(current), expected \(etag))")
        }
    }

    private func ensureFolder() throws(CalendarError) {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw CalendarError(.unavailable, calendar: location, "cannot create the folder: \(error.localizedDescription)")
        }
    }

    private func failure(_ name: String, _ what: String, _ code: Int32) -> CalendarError {
        CalendarError(.unavailable, calendar: location, object: name, "\(what): \(String(cString: strerror(code)))")
    }

    private func failure(_ name: String, _ what: String, _ error: FileSystemError) -> CalendarError {
        CalendarError(.unavailable, calendar: location, object: name, "\(what): \(error.operation): \(error.reason)")
    }

    static func etag(atPath path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return "\(info.st_ino)-\(info.st_size)-\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }
}
