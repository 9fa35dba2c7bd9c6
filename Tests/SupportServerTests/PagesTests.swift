import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

@testable import SupportServer

/// The pages, as a browser without JavaScript uses them: forms, a cookie, redirects.
@Suite struct PagesTests {
    struct Page {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var html: String

        /// The value of the hidden field `name` in the first form that has it.
        func field(_ name: String) -> String? {
            guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
            return String(html[range.upperBound...].prefix { $0 != "\"" })
        }

        var cookie: String? { headers[.setCookie].map { String($0.prefix { $0 != ";" }) } }
    }

    func get(_ client: any TestClientProtocol, _ uri: String, cookie: String? = nil) async throws -> Page {
        var headers: HTTPFields = [:]
        if let cookie { headers[.cookie] = cookie }
        return try await client.execute(uri: uri, method: .get, headers: headers) {
            Page(status: $0.status, headers: $0.headers, html: String(buffer: $0.body))
        }
    }

    func post(_ client: any TestClientProtocol, _ uri: String, form: [(String, String)], cookie: String?) async throws -> Page {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let cookie { headers[.cookie] = cookie }
        let body = form.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body)) {
            Page(status: $0.status, headers: $0.headers, html: String(buffer: $0.body))
        }
    }

    @Test func theBookingFormIsAccessibleAndSafe() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let page = try await get(client, "/book")
            #expect(page.status == .ok)
            #expect(page.html.contains("<label for=\"contact\">") && page.html.contains("id=\"contact\""))
            #expect(page.html.contains("name=\"viewport\"") && page.html.contains("<html lang=\"en\">"))
            #expect(!page.html.contains("<script"))
            #expect(page.cookie?.hasPrefix("supportcal_form=") == true)
            #expect(page.headers[.setCookie]?.contains("SameSite=Strict") == true && page.headers[.setCookie]?.contains("HttpOnly") == true)
            #expect(page.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            #expect(page.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
            #expect(page.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
        }
    }

    @Test func aCustomerBooksThroughThePagesAndSeesThePriceFirst() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let slots = try await get(client, "/book?contact=pat@pine.example&type=live-session/60&from=2026-12-02")
            #expect(slots.status == .ok)
            #expect(slots.html.contains("Times are in your zone, <strong>America/Chicago</strong>"))
            #expect(slots.html.contains("<legend>Wednesday, 2 December 2026 <span class=\"zone\">UTC-6 (America/Chicago)</span></legend>"))
            #expect(slots.html.contains("value=\"2026-12-02T15:00:00Z\" required> 9:00 AM</label>"))
            #expect(!slots.html.contains("name=\"code\""), "Pine has no plan: no code field")
            let cookie = try #require(slots.cookie)
            let csrf = try #require(slots.field("csrf"))

            let forged = try await post(
                client, "/book/review",
                form: [("contact", "pat@pine.example"), ("type", "live-session/60"), ("start", "2026-12-02T15:00:00Z")], cookie: cookie)
            #expect(forged.status == .forbidden, "no CSRF field: refused")

            let review = try await post(
                client, "/book/review",
                form: [
                    ("csrf", csrf), ("contact", "pat@pine.example"), ("type", "live-session/60"),
                    ("start", "2026-12-02T15:00:00Z"),
                ], cookie: cookie)
            #expect(review.status == .ok)
            #expect(review.html.contains("<strong>$140.00</strong>"), "the price before confirming")
            #expect(review.html.contains("9:00 AM UTC-6 (America/Chicago) on Wednesday, 2 December 2026"))
            #expect(review.html.contains("Pat &lt;Pine&gt;"), "names are escaped")

            let confirmed = try await post(
                client, "/book/confirm",
                form: [
                    ("csrf", csrf), ("contact", "pat@pine.example"), ("type", "live-session/60"),
                    ("start", "2026-12-02T15:00:00Z"), ("code", ""),
                ], cookie: cookie)
            #expect(confirmed.status == .seeOther)
            let location = try #require(confirmed.headers[.location])
            #expect(location.hasPrefix("/b/") && location.hasSuffix("?done=booked"))
            let manage = try await get(client, location, cookie: cookie)
            #expect(manage.status == .ok && manage.html.contains("Your session is booked"))
            #expect(manage.html.contains("Move to another time") && manage.html.contains("Cancel"))
            #expect(manage.headers[.cacheControl] == "no-store")

            // The same slot again (a form without its key, as an old page would send it):
            // refused with the reason, nothing booked twice.
            let again = try await post(
                client, "/book/confirm",
                form: [
                    ("csrf", csrf), ("contact", "pat@pine.example"), ("type", "live-session/60"),
                    ("start", "2026-12-02T15:00:00Z"),
                ], cookie: cookie)
            #expect(again.status == .conflict && again.html.contains("You already have a 60-minute live session at 9:00 AM"))
            #expect(try fixture.bookingCount() == 1)
        }
    }

    @Test func aPlanCustomerSeesTheCodeFieldAndThePlanPrice() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let slots = try await get(client, "/book?contact=eve@orsted.example&type=live-session/60&from=2026-12-03")
            #expect(slots.html.contains("<label for=\"code\">Maintenance code</label>"))
            let cookie = try #require(slots.cookie)
            let csrf = try #require(slots.field("csrf"))
            let review = try await post(
                client, "/book/review",
                form: [
                    ("csrf", csrf), ("contact", "eve@orsted.example"), ("type", "live-session/60"),
                    ("start", "2026-12-02T15:00:00Z"), ("code", "ORST-CODE-1"),
                ], cookie: cookie)
            #expect(review.html.contains("$0.00 (maintenance plan)"))
            let wrong = try await post(
                client, "/book/confirm",
                form: [
                    ("csrf", csrf), ("contact", "eve@orsted.example"), ("type", "live-session/60"),
                    ("start", "2026-12-02T15:00:00Z"), ("code", "GUESS"),
                ], cookie: cookie)
            #expect(wrong.status == .unprocessableContent && wrong.html.contains("role=\"alert\""))
        }
    }

    @Test func theCancelLinkAsksFirstThenCancels() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let (_, _, booked) = try await client.call(.post, "/api/bookings", json: BookingsAPITests.book)
            let id = try #require(booked["id"] as? String)
            let token = fixture.token(id, .cancel)
            let page = try await get(client, "/b/\(token)")
            #expect(page.status == .ok && page.html.contains("Cancel this session?"))
            #expect(page.html.contains("8:30 PM UTC+5:30 (Asia/Kolkata) on Wednesday, 2 December 2026"))
            #expect(try fixture.booking(id).status == .confirmed, "opening the link changes nothing")
            let cookie = try #require(page.cookie)
            let csrf = try #require(page.field("csrf"))
            #expect(try await post(client, "/b/\(token)/cancel", form: [], cookie: cookie).status == .forbidden)
            #expect(try await post(client, "/b/\(token)/reschedule", form: [("csrf", csrf)], cookie: cookie).status == .forbidden)
            let done = try await post(client, "/b/\(token)/cancel", form: [("csrf", csrf)], cookie: cookie)
            #expect(done.status == .seeOther && done.headers[.location]?.hasSuffix("?done=cancelled") == true)
            #expect(try fixture.booking(id).status == .cancelledByCustomer)
        }
    }

    @Test func afterTheCutoffTheLinkExplainsItInTheContactsZone() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let (_, _, booked) = try await client.call(.post, "/api/bookings", json: BookingsAPITests.book)
            let id = try #require(booked["id"] as? String)
            fixture.set(now: "2026-12-02T14:00:00Z")
            let page = try await get(client, "/b/\(fixture.token(id, .cancel))")
            #expect(page.status == .ok)
            #expect(
                page.html.contains(
                    "until 65 minutes before they start; for this session that was 7:25 PM UTC+5:30 (Asia/Kolkata) on Wednesday, 2 "
                        + "December 2026"
                ))
            #expect(!page.html.contains("Cancel the session"))
        }
    }

    @Test func theRescheduleLinkOffersFreeTimesAndMoves() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let (_, _, booked) = try await client.call(.post, "/api/bookings", json: BookingsAPITests.book)
            let id = try #require(booked["id"] as? String)
            let token = fixture.token(id, .reschedule)
            let page = try await get(client, "/b/\(token)")
            #expect(page.html.contains("Move to another time") && page.html.contains("value=\"2026-12-02T17:00:00Z\""))
            let cookie = try #require(page.cookie)
            let csrf = try #require(page.field("csrf"))
            let moved = try await post(
                client, "/b/\(token)/reschedule", form: [("csrf", csrf), ("start", "2026-12-02T17:00:00Z")], cookie: cookie)
            #expect(moved.status == .seeOther)
            #expect(try fixture.booking(id).start == SampleBooking.date("2026-12-02T17:00:00Z"))
        }
    }

    @Test func theInviteIsTheEventAsAnITIPRequest() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let (_, _, booked) = try await client.call(.post, "/api/bookings", json: BookingsAPITests.book)
            let id = try #require(booked["id"] as? String)
            try await client.execute(uri: "/b/\(fixture.token(id, .view, expires: ServerFixture.start))/invite.ics", method: .get) {
                response in
                let text = String(buffer: response.body)
                #expect(response.headers[.contentType] == "text/calendar; charset=utf-8; method=REQUEST")
                #expect(text.contains("METHOD:REQUEST") && text.contains("UID:\(id)@supportcal"))
            }
        }
    }

    @Test(arguments: ["/b/not-a-token", "/b/MTp2aWV3OjE3OTkyNTEyMDA6Yi0zeDV5emRkNzB3.AAAA", "/nothing-here"])
    func unknownLinksAreAPlainNotFound(uri: String) async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let page = try await get(client, uri)
            #expect(page.status == .notFound)
        }
    }
}
