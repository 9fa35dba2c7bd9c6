import Curl
import Foundation

extension CalDAVClient {
    /// The properties read from every calendar collection.
    static let calendarProperties: [PropertyName] = [
        .resourceType, .displayName, .color, .calendarDescription, .supportedComponents, .ctag, .syncToken, .supportedReportSet,
    ]

    /// Finds the calendars of the account from whatever URL a person pasted: the
    /// server root, a principal, a calendar home or one calendar.
    ///
    /// RFC 6764 §6: a bare host means `/.well-known/caldav` first; a URL with a path
    /// is asked first, then the well-known URL, then the root. Each context is asked
    /// for `current-user-principal` and `calendar-home-set`; the homes are listed with
    /// Depth 1. Redirects are followed, but never from https to http.
    public func discover() async throws(CalDAVError) -> DiscoveryResult {
        let given = baseURL
        let root = URL(string: "/", relativeTo: given)!.absoluteURL
        let wellKnown = URL(string: "/.well-known/caldav", relativeTo: given)!.absoluteURL
        let contexts = given.path.isEmpty || given.path == "/" ? [wellKnown, given] : [given, wellKnown, root]

        var tried: [String] = []
        for context in contexts {
            tried.append(Href(url: context).raw)
            guard let found = try await askContext(context) else { continue }
            if let calendar = found.calendar {
                return DiscoveryResult(contextURL: found.answeredBy, principal: found.principal, calendarHomes: [], calendars: [calendar])
            }
            var homes = found.homes
            if homes.isEmpty, let principal = found.principal {
                homes = try await calendarHomes(of: principal)
            }
            guard !homes.isEmpty else { continue }
            var calendars: [CalendarCollection] = []
            for home in homes {
                calendars += try await self.calendars(in: home)
            }
            return DiscoveryResult(contextURL: found.answeredBy, principal: found.principal, calendarHomes: homes, calendars: calendars)
        }
        throw CalDAVError(
            code: .notCalDAV, server: Self.serverName(given), request: "PROPFIND \(Href(url: given).raw)",
            detail: "no current-user-principal or calendar-home-set at \(tried.joined(separator: ", "))")
    }

    private struct Context {
        var answeredBy: URL
        var principal: URL?
        var homes: [URL]
        var calendar: CalendarCollection?
    }

    /// Asks one URL what it knows; nil when it is no DAV context (404, 405, HTML, ...).
    private func askContext(_ url: URL) async throws(CalDAVError) -> Context? {
        let wanted: [PropertyName] = [.currentUserPrincipal, .calendarHomeSet]
        let body = XMLWriter.document("d:propfind", PropertyName.prop(wanted + Self.calendarProperties))
        var response = try await send("PROPFIND", url, headers: [HTTPHeader("Depth", "0")], body: body, followRedirects: true)
        if (500..<600).contains(response.status) {
            // DAViCal 1.1 fails the whole PROPFIND (500) when its root is asked for a
            // sync-token; discovery needs only the principal and the homes from a context.
            let plain = XMLWriter.document("d:propfind", PropertyName.prop(wanted))
            response = try await send("PROPFIND", url, headers: [HTTPHeader("Depth", "0")], body: plain, followRedirects: true)
        }
        if response.status == 401 { throw failure(response, method: "PROPFIND", url: url) }
        guard response.status == 207, let multistatus = try? parseMultistatus(response, method: "PROPFIND", url: url),
            let first = multistatus.responses.first
        else { return nil }
        let answeredBy = answeringURL(response, fallback: url)
        let principal = first.hrefs(in: .currentUserPrincipal).first.map { resolve($0, answeredBy: response, fallback: url) }
        let homes = first.hrefs(in: .calendarHomeSet).map { HrefResolver.asCollection(resolve($0, answeredBy: response, fallback: url)) }
        let calendar = calendarCollection(from: first, answeredBy: response, fallback: url)
        if principal == nil, homes.isEmpty, calendar == nil { return nil }
        return Context(answeredBy: answeredBy, principal: principal, homes: homes, calendar: calendar)
    }

    /// The `calendar-home-set` of a principal.
    public func calendarHomes(of principal: URL) async throws(CalDAVError) -> [URL] {
        let body = XMLWriter.document("d:propfind", PropertyName.prop([.calendarHomeSet]))
        let (multistatus, response) = try await multistatus("PROPFIND", principal, depth: "0", body: body, followRedirects: true)
        return multistatus.responses.flatMap { $0.hrefs(in: .calendarHomeSet) }
            .map { HrefResolver.asCollection(resolve($0, answeredBy: response, fallback: principal)) }
    }

    /// The calendar collections directly inside a calendar home.
    public func calendars(in home: URL) async throws(CalDAVError) -> [CalendarCollection] {
        let home = HrefResolver.asCollection(home)
        let body = XMLWriter.document("d:propfind", PropertyName.prop(Self.calendarProperties))
        let (multistatus, response) = try await multistatus("PROPFIND", home, depth: "1", body: body)
        return multistatus.responses.compactMap { calendarCollection(from: $0, answeredBy: response, fallback: home) }
            .sorted { $0.href < $1.href }
    }

    /// One calendar's properties (ctag, sync token, ...); fails when `url` is no calendar.
    public func calendar(at url: URL) async throws(CalDAVError) -> CalendarCollection {
        let url = HrefResolver.asCollection(url)
        let body = XMLWriter.document("d:propfind", PropertyName.prop(Self.calendarProperties))
        let (multistatus, response) = try await multistatus("PROPFIND", url, depth: "0", body: body)
        guard let first = multistatus.responses.first,
            let calendar = calendarCollection(from: first, answeredBy: response, fallback: url)
        else {
            throw CalDAVError(
                code: .notFound, server: Self.serverName(url), request: Self.requestLabel("PROPFIND", url),
                status: response.status, detail: "the resource is not a calendar collection")
        }
        return calendar
    }

    func calendarCollection(from item: Multistatus.Response, answeredBy response: HTTPResponse, fallback: URL) -> CalendarCollection? {
        guard let types = item.property(.resourceType), types.child(Namespace.caldav, "calendar") != nil else { return nil }
        let url = HrefResolver.asCollection(resolve(item.href, answeredBy: response, fallback: fallback))
        let components =
            item.property(.supportedComponents)?.children(Namespace.caldav, "comp")
            .compactMap { $0.attributes["name"]?.uppercased() } ?? []
        let reports = item.property(.supportedReportSet).map { set in
            Set(set.children(Namespace.dav, "supported-report").compactMap { $0.child(Namespace.dav, "report")?.children.first?.name })
        }
        return CalendarCollection(
            href: Href(item.href), url: url, displayName: item.text(.displayName), color: item.text(.color),
            description: item.text(.calendarDescription), supportedComponents: components, ctag: item.text(.ctag),
            syncToken: item.text(.syncToken), supportedReports: reports)
    }
}
