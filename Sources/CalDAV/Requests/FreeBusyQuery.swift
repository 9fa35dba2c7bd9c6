import Curl
import Foundation
import ICal

extension CalDAVClient {
    /// Busy time in `[from, to)` as the server computes it (free-busy-query, RFC 4791
    /// §7.10), merged. Radicale answers one period per occurrence; merging through
    /// `ICal` gives the same intervals whatever the server's granularity.
    public func freeBusy(in calendar: URL, from: Date, to: Date) async throws(CalDAVError) -> [BusyInterval] {
        let calendar = HrefResolver.asCollection(calendar)
        let body = XMLWriter.document(
            "c:free-busy-query",
            "<c:time-range start=\"\(CalDAVTime.utc(from))\" end=\"\(CalDAVTime.utc(to))\"/>")
        let response = try await send("REPORT", calendar, headers: [HTTPHeader("Depth", "1")], body: body)
        guard response.status == 200 else { throw failure(response, method: "REPORT", url: calendar) }
        do {
            return try ICalDocument(parsing: response.bodyText).busyIntervals(from: from, to: to)
        } catch {
            throw CalDAVError(
                code: .malformedResponse, server: Self.serverName(calendar),
                request: Self.requestLabel("REPORT", calendar), status: response.status,
                detail: "the free-busy answer is not a usable VFREEBUSY: \(error)")
        }
    }
}
