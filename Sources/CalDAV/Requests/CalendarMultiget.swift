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
            let page = try await multigetBatch(Array(hrefs[start..<min(start + size, hrefs.count)]), in: calendar)
            start += size
            result.objects += page.objects
            result.missing += page.missing
        }
        return result
    }

    /// One REPORT. SabreDAV answers 404 for the whole report when one href is gone (RFC
    /// 4791 wants a 404 per href); the batch is then halved until the gone ones stand
    /// alone, a few requests more for one deleted event instead of a failed sync.
    private func multigetBatch(_ batch: [Href], in calendar: URL) async throws(CalDAVError) -> MultigetResult {
        let inner = PropertyName.prop([.getETag, .calendarData]) + batch.map { "<d:href>\(XMLWriter.escape($0.raw))</d:href>" }.joined()
        do {
            // RFC 4791 §7.9: Depth is ignored for multiget and "SHOULD NOT be sent".
            let (multistatus, response) = try await multistatus(
                "REPORT", calendar, depth: nil, body: XMLWriter.document("c:calendar-multiget", inner))
            var result = objects(in: multistatus, answeredBy: response, calendar: calendar)
            // DAViCal leaves a gone href out of its answer instead of a 404 for it.
            let answered = Set(result.objects.map(\.href) + result.missing)
            result.missing += batch.filter { !answered.contains($0) }
            return result
        } catch  where error.code == .notFound {
            guard batch.count > 1 else { return MultigetResult(objects: [], missing: batch) }
            let half = batch.count / 2
            let first = try await multigetBatch(Array(batch[..<half]), in: calendar)
            let second = try await multigetBatch(Array(batch[half...]), in: calendar)
            return MultigetResult(objects: first.objects + second.objects, missing: first.missing + second.missing)
        }
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
