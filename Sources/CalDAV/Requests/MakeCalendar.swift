import Foundation

extension CalDAVClient {
    /// Creates a calendar collection (RFC 4791 §5.3.1) and returns its URL.
    ///
    /// `url` must not exist yet; its parent must (Radicale allows any depth under the
    /// user's own path, Xandikos only inside the calendar home).
    @discardableResult
    public func makeCalendar(
        at url: URL, displayName: String? = nil, color: String? = nil,
        components: [String] = ["VEVENT"]
    ) async throws(CalDAVError) -> URL {
        let url = HrefResolver.asCollection(url)
        var properties = ""
        if let displayName { properties += "<d:displayname>\(XMLWriter.escape(displayName))</d:displayname>" }
        if let color { properties += "<a:calendar-color>\(XMLWriter.escape(color))</a:calendar-color>" }
        if !components.isEmpty {
            properties +=
                "<c:supported-calendar-component-set>"
                + components.map { "<c:comp name=\"\(XMLWriter.escape($0))\"/>" }.joined()
                + "</c:supported-calendar-component-set>"
        }
        let body = XMLWriter.document("c:mkcalendar", "<d:set><d:prop>\(properties)</d:prop></d:set>")
        let response = try await send("MKCALENDAR", url, body: body)
        guard response.status == 201 || response.status == 200 else {
            throw failure(response, method: "MKCALENDAR", url: url)
        }
        return url
    }

    /// The URL of a new calendar named `name` inside `home`.
    public func calendarURL(named name: String, in home: URL) -> URL {
        HrefResolver.member(name, of: home, isCollection: true)
    }
}
