import Foundation
import Testing

@testable import CalDAV

@Suite("Multistatus XML and hrefs")
struct XMLAndHrefTests {
    @Test func multistatusIsReadByNamespaceWhateverThePrefix() throws {
        let xandikos =
            #"<ns0:multistatus xmlns:ns0="DAV:" "#
            + #"xmlns:ns1="urn:ietf:params:xml:ns:caldav"><ns0:response><ns0:href>/staff/cal/</ns0:href><ns0:propstat><ns0:status>"#
            + #"HTTP/1.1 200 OK</ns0:status><ns0:prop><ns0:displayname>Cal</ns0:displayname></ns0:prop></ns0:propstat><ns0:propstat>"#
            + #"<ns0:status>HTTP/1.1 404 Not Found</ns0:status><ns0:prop><ns1:calendar-home-set><ns0:href>"#
            + #"/should/not/count/</ns0:href></ns1:calendar-home-set></ns0:prop></ns0:propstat></ns0:response></ns0:multistatus>"#
        let radicale =
            #"<multistatus xmlns="DAV:" "#
            + #"xmlns:C="urn:ietf:params:xml:ns:caldav"><response><href>/staff/cal/</href><propstat><prop><displayname>"#
            + #"Cal</displayname></prop><status>HTTP/1.1 200 OK</status></propstat><propstat><prop><C:calendar-home-set><href>"#
            + #"/should/not/count/</href></C:calendar-home-set></prop><status>HTTP/1.1 404 Not Found</status></propstat></response>"#
            + #"</multistatus>"#
        for text in [xandikos, radicale] {
            let parsed = try Multistatus(XMLTree.parse(Array(text.utf8)))
            let response = try #require(parsed.responses.first)
            #expect(response.text(.displayName) == "Cal")
            #expect(response.property(.calendarHomeSet) == nil)  // its propstat said 404
        }
    }

    @Test func aWrongNamespaceIsNotDAV() throws {
        let text = #"<x:multistatus xmlns:x="urn:not-dav"><x:response/></x:multistatus>"#
        #expect(throws: XMLTree.ParseError.self) { try Multistatus(XMLTree.parse(Array(text.utf8))) }
    }

    @Test func hrefsCompareByDecodedPath() {
        #expect(Href("/staff/cal/a%20b%40c%C3%A9.ics") == Href("/staff/cal/a%20b@c%C3%A9.ics"))
        #expect(Href("http://127.0.0.1:5232/staff/cal/a%20b.ics") == Href("/staff/cal/a b.ics"))
        #expect(Href("/staff/cal") == Href("/staff/cal/"))
        #expect(Href("/staff/cal/a.ics") != Href("/staff/cal/b.ics"))
        #expect(Href("/staff/cal/%C3%BC.ics").lastSegment == "ü.ics")
    }

    @Test func objectNamesAreEncodedAsOneSegment() {
        let calendar = URL(string: "http://h:1/staff/cal")!
        let url = HrefResolver.member("a b@c/ü%.ics", of: calendar)
        #expect(url.absoluteString == "http://h:1/staff/cal/a%20b%40c%2F%C3%BC%25.ics")
        #expect(Href(url: url).lastSegment == "a b@c/ü%.ics" || Href(url: url).decodedPath.hasSuffix("a b@c/ü%.ics"))
    }

    @Test func hrefsResolveAgainstTheAnsweringURL() {
        let base = URL(string: "https://dav.example/cal/home/")!
        #expect(HrefResolver.resolve("/staff/x.ics", against: base)?.absoluteString == "https://dav.example/staff/x.ics")
        #expect(HrefResolver.resolve("x.ics", against: base)?.absoluteString == "https://dav.example/cal/home/x.ics")
        #expect(HrefResolver.resolve("https://other.example/y/", against: base)?.absoluteString == "https://other.example/y/")
        #expect(HrefResolver.resolve("/raw space/é.ics", against: base)?.absoluteString == "https://dav.example/raw%20space/%C3%A9.ics")
    }

    @Test func requestBodiesEscapeText() {
        #expect(XMLWriter.escape(#"a<b & "c">'"#) == "a&lt;b &amp; &quot;c&quot;&gt;&apos;")
    }

    @Test func retryAfterReadsSecondsAndDates() {
        let now = Date(timeIntervalSince1970: 1_000_000)
        #expect(RetryPolicy.parseRetryAfter("7", now: now) == .seconds(7))
        let later = now.addingTimeInterval(30)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        #expect(RetryPolicy.parseRetryAfter(formatter.string(from: later), now: now) == .seconds(30))
        #expect(RetryPolicy.parseRetryAfter("soon", now: now) == nil)
    }

    @Test func etagDiffFindsNewChangedAndGone() {
        let url = URL(string: "http://h/c/")!
        func version(_ name: String, _ etag: String?) -> ObjectVersion {
            ObjectVersion(href: Href("/c/\(name)"), url: url, etag: etag.map(ETag.init))
        }
        let known: [Href: ETag?] = [Href("/c/same"): ETag("\"1\""), Href("/c/edited"): ETag("\"1\""), Href("/c/gone"): ETag("\"1\"")]
        let diff = ETagDiff.diff(
            known: known, listing: [version("same", "\"1\""), version("edited", "\"2\""), version("new", "\"1\""), version("bare", nil)])
        #expect(diff.changed.map(\.href.lastSegment) == ["edited", "new", "bare"])
        #expect(diff.deleted == [Href("/c/gone")])
    }
}
