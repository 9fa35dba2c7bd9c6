import CalDAV
import Foundation
import ICal

/// A staff calendar on a CalDAV server, behind the same protocol as a vdir.
///
/// Object names are the last path segment of each resource (decoded); changes come from
/// sync-collection with batched calendar-multiget (an ETag listing where the server has
/// no sync-collection), so a nightly sync costs requests in proportion to the changes.
public struct CalDAVCalendar: StaffCalendar {
    public let client: CalDAVClient
    public let calendarURL: URL
    /// Where a long-running process keeps the objects between syncs (nil: nothing is kept).
    public let copies: CalDAVObjectCopies?

    /// Whether each sync checks the server's delta against a full ETag listing
    /// (`CalendarMirror.checksDeltasAgainstListing`): right for the nightly job.
    public let checksDeltasAgainstListing: Bool

    public init(client: CalDAVClient, calendarURL: URL, copies: CalDAVObjectCopies? = nil, checksDeltasAgainstListing: Bool = false) {
        self.client = client
        self.calendarURL = calendarURL.hasDirectoryPath ? calendarURL : calendarURL.appendingPathComponent("", isDirectory: true)
        self.copies = copies
        self.checksDeltasAgainstListing = checksDeltasAgainstListing
    }

    public var location: String {
        var parts = URLComponents(url: calendarURL, resolvingAgainstBaseURL: false)
        parts?.user = nil
        parts?.password = nil
        parts?.query = nil
        return parts?.string ?? CalDAVClient.serverName(calendarURL)
    }

    private func url(_ name: String) -> URL { client.objectURL(named: name, in: calendarURL) }

    public func object(named name: String) async throws(CalendarError) -> CalendarObjectCopy? {
        do {
            let object = try await client.get(url(name))
            return CalendarObjectCopy(name: name, etag: object.etag?.value ?? "", document: try document(object, name: name))
        } catch let error as CalDAVError {
            if error.code == .notFound { return nil }
            throw mapped(error, name)
        } catch let error as CalendarError {
            throw error
        } catch {
            throw CalendarError(.unavailable, calendar: location, object: name, "\(error)")
        }
    }

    public func create(named name: String, _ document: ICalDocument) async throws(CalendarError) -> String {
        do { return try await client.create(document, at: url(name)).etag?.value ?? "" } catch { throw mapped(error, name) }
    }

    public func update(named name: String, _ document: ICalDocument, ifMatch etag: String) async throws(CalendarError) -> String {
        do { return try await client.update(document, at: url(name), ifMatch: ETag(etag)).etag?.value ?? "" } catch {
            throw mapped(error, name)
        }
    }

    public func delete(named name: String, ifMatch etag: String) async throws(CalendarError) {
        do { try await client.delete(url(name), ifMatch: etag.isEmpty ? nil : ETag(etag)) } catch { throw mapped(error, name) }
    }

    public func changes(since known: CalendarSnapshot) async throws(CalendarError) -> CalendarChanges {
        // Copies kept since the sync that produced `known` carry every object's text; a
        // process keeping copies but holding none reads the calendar whole, once.
        let kept = copies?.held(calendarURL).flatMap { $0.etags == known.etags && $0.token == known.token ? $0 : nil }
        let whole = copies != nil && kept == nil && !known.etags.isEmpty
        var held: [Href: CalendarObject] = kept?.objects ?? [:]
        if kept == nil && !whole {
            for (name, etag) in known.etags {
                let url = self.url(name)
                held[Href(url: url)] = CalendarObject(href: Href(url: url), url: url, etag: ETag(etag), data: "")
            }
        }
        var mirror = CalendarMirror(
            calendarURL: calendarURL, objects: held, syncToken: whole ? nil : known.token, ctag: whole ? nil : known.ctag)
        mirror.checksDeltasAgainstListing = checksDeltasAgainstListing
        let update: CalendarMirror.Update
        do { update = try await mirror.refresh(using: client) } catch {
            copies?.forget(calendarURL)
            throw mapped(error, nil)
        }
        var etags: [String: String] = [:]
        for (href, object) in mirror.objects { etags[href.lastSegment] = object.etag?.value ?? "" }
        // Read whole, "changed" is what differs from `known`, as a delta would have said.
        let changedHrefs = whole ? mirror.objects.keys.filter { known.etags[$0.lastSegment] != etags[$0.lastSegment] } : update.changed
        let deleted = whole ? known.etags.keys.filter { etags[$0] == nil } : update.deleted.map(\.lastSegment)
        var changed: [CalendarObjectCopy] = []
        var unreadable: [UnreadableObject] = []
        for href in changedHrefs.sorted() {
            guard let object = mirror.objects[href] else { continue }
            do {
                changed.append(CalendarObjectCopy(name: href.lastSegment, etag: object.etag?.value ?? "", document: try object.document()))
            } catch {
                unreadable.append(UnreadableObject(name: href.lastSegment, reason: error.description))
            }
        }
        if let copies {
            if kept != nil || whole || known.etags.isEmpty {
                copies.keep(.init(objects: mirror.objects, token: mirror.syncToken, etags: etags), for: calendarURL)
            } else {
                copies.forget(calendarURL)
            }
        }
        return CalendarChanges(
            changed: changed, deleted: deleted.sorted(), unreadable: unreadable,
            snapshot: CalendarSnapshot(token: mirror.syncToken, etags: etags, ctag: mirror.ctag))
    }

    /// Busy time in `[from, to)` from the copies the last `changes(since:)` kept, without a
    /// request; nil when no copies are kept. Call it right after a successful sync.
    public func busyFromCopies(from: Date, to: Date, floatingTimeZone: String) -> BusyReport? {
        guard let held = copies?.held(calendarURL) else { return nil }
        return Self.busy(of: held.objects.values.sorted { $0.href < $1.href }, from: from, to: to, floatingTimeZone: floatingTimeZone)
    }

    public func busy(from: Date, to: Date, floatingTimeZone: String) async throws(CalendarError) -> BusyReport {
        // calendar-query rather than free-busy-query: our own bookings must not count
        // twice, and free-busy answers cannot say which periods are ours.
        let objects: [CalendarObject]
        do { objects = try await client.events(in: calendarURL, from: from, to: to) } catch { throw mapped(error, nil) }
        return Self.busy(of: objects, from: from, to: to, floatingTimeZone: floatingTimeZone)
    }

    /// Our own bookings' events are skipped: the store counts them.
    private static func busy(of objects: [CalendarObject], from: Date, to: Date, floatingTimeZone: String) -> BusyReport {
        var intervals: [BusyInterval] = []
        var unreadable: [UnreadableObject] = []
        for object in objects {
            do {
                let copy = CalendarObjectCopy(
                    name: object.href.lastSegment, etag: object.etag?.value ?? "", document: try object.document())
                if copy.bookingID != nil { continue }
                intervals += try copy.document.busyIntervals(from: from, to: to, floatingTimeZone: floatingTimeZone)
            } catch {
                unreadable.append(UnreadableObject(name: object.href.lastSegment, reason: "\(error)"))
            }
        }
        return BusyReport(intervals: BusyInterval.merged(intervals), unreadable: unreadable)
    }

    private func document(_ object: CalendarObject, name: String) throws(CalendarError) -> ICalDocument {
        do { return try object.document() } catch {
            throw CalendarError(.invalid, calendar: location, object: name, "not a readable calendar object: \(error)")
        }
    }

    private func mapped(_ error: CalDAVError, _ name: String?) -> CalendarError {
        let code: CalendarError.Code
        switch error.code {
        case .conflict: code = .conflict
        case .notFound: code = .notFound
        case .unreachable, .timedOut, .connectionLost, .serverBusy, .tls, .unauthorized, .forbidden, .malformedResponse, .rejected,
            .invalidSyncToken:
            code = .unavailable
        default:
            code = error.code.preconditionName != nil ? .conflict : .unavailable
        }
        return CalendarError(code, calendar: location, object: name, error.description)
    }
}
