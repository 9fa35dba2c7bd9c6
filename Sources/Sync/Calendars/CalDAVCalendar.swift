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

    public init(client: CalDAVClient, calendarURL: URL) {
        self.client = client
        self.calendarURL = calendarURL.hasDirectoryPath ? calendarURL : calendarURL.appendingPathComponent("", isDirectory: true)
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
        var held: [Href: CalendarObject] = [:]
        for (name, etag) in known.etags {
            let url = self.url(name)
            held[Href(url: url)] = CalendarObject(href: Href(url: url), url: url, etag: ETag(etag), data: "")
        }
        var mirror = CalendarMirror(calendarURL: calendarURL, objects: held, syncToken: known.token)
        let update: CalendarMirror.Update
        do { update = try await mirror.refresh(using: client) } catch { throw mapped(error, nil) }
        var changed: [CalendarObjectCopy] = []
        var unreadable: [UnreadableObject] = []
        for href in update.changed.sorted() {
            guard let object = mirror.objects[href] else { continue }
            do {
                changed.append(CalendarObjectCopy(name: href.lastSegment, etag: object.etag?.value ?? "", document: try object.document()))
            } catch {
                unreadable.append(UnreadableObject(name: href.lastSegment, reason: error.description))
            }
        }
        var etags: [String: String] = [:]
        for (href, object) in mirror.objects { etags[href.lastSegment] = object.etag?.value ?? "" }
        return CalendarChanges(
            changed: changed, deleted: update.deleted.map(\.lastSegment).sorted(), unreadable: unreadable,
            snapshot: CalendarSnapshot(token: mirror.syncToken, etags: etags))
    }

    public func busy(from: Date, to: Date, floatingTimeZone: String) async throws(CalendarError) -> BusyReport {
        // calendar-query rather than free-busy-query: our own bookings must not count
        // twice, and free-busy answers cannot say which periods are ours.
        let objects: [CalendarObject]
        do { objects = try await client.events(in: calendarURL, from: from, to: to) } catch { throw mapped(error, nil) }
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
