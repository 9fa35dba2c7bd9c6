import Curl
import Foundation

/// What calendar-multiget returned: the objects found, and the hrefs the server
/// reported missing (deleted between the listing and the fetch).
public struct MultigetResult: Sendable, Hashable {
    public var objects: [CalendarObject]
    public var missing: [Href]
}

extension CalDAVClient {
    /// Fetches many objects by href with calendar-multiget (RFC 4791 §7.9), in batches
    /// of `batchSize` (default `options.multigetBatchSize`), one REPORT per batch.
    public func multiget(_ hrefs: [Href], in calendar: URL, batchSize: Int? = nil) async throws(CalDAVError) -> MultigetResult {
        let calendar = HrefResolver.asCollection(calendar)
        let size = max(1, batchSize ?? options.multigetBatchSize)
        var result = MultigetResult(objects: [], missing: [])
        var start = 0
        while start < hrefs.count {
            let batch = hrefs[start..<min(start + size, hrefs.count)]
            start += size
            let inner =
                PropertyName.prop([.getETag, .calendarData])
                + batch.map { "<d:href>\(XMLWriter.escape($0.raw))</d:href>" }.joined()
            // RFC 4791 §7.9: Depth is ignored for multiget and "SHOULD NOT be sent".
            let (multistatus, response) = try await multistatus(
                "REPORT", calendar, depth: nil,
                body: XMLWriter.document("c:calendar-multiget", inner))
            let page = objects(in: multistatus, answeredBy: response, calendar: calendar)
            result.objects += page.objects
            result.missing += page.missing
        }
        return result
    }

    /// The objects of a calendar-multiget or calendar-query answer.
    func objects(in multistatus: Multistatus, answeredBy response: HTTPResponse, calendar: URL) -> MultigetResult {
        var result = MultigetResult(objects: [], missing: [])
        let collection = Href(url: calendar)
        for item in multistatus.responses where Href(item.href) != collection {
            guard let data = item.property(.calendarData)?.text, !data.isEmpty else {
                result.missing.append(Href(item.href))
                continue
            }
            result.objects.append(
                CalendarObject(
                    href: Href(item.href), url: resolve(item.href, answeredBy: response, fallback: calendar),
                    etag: item.text(.getETag).map(ETag.init), data: data))
        }
        return result
    }
}
