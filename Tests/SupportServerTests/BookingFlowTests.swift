import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

@testable import SupportServer

/// What a new customer met on the booking pages (issue 12): a double-clicked Confirm, a
/// blank code, a wall of slots, hidden prices, dead ends and a lost choice after a typo.
/// Dana works weekdays 09:00–17:00 Chicago; Ørsted (Eve, Kolkata) has a free plan with code
/// ORST-CODE-1; Pine (Pat, Chicago) has none. "Now" is Tuesday 1 December 2026, 12:00Z.
@Suite struct BookingFlowTests {
    let pages = PagesTests()
    let support = SupportContact(email: "help@vendor.example", phone: "+1 555 0100")

    /// The slot page's cookie and CSRF field for `contact`.
    func form(_ client: any TestClientProtocol, contact: String = "pat@pine.example") async throws -> (cookie: String, csrf: String) {
        let page = try await pages.get(client, "/book?contact=\(contact)&type=live-session/60&from=2026-12-02")
        return (try #require(page.cookie), try #require(page.field("csrf")))
    }

    func fields(_ contact: String, start: String = "2026-12-02T15:00:00Z", code: String = "", csrf: String) -> [(String, String)] {
        [("csrf", csrf), ("contact", contact), ("type", "live-session/60"), ("start", start), ("code", code)]
    }

    @Test func aDoubleSubmittedConfirmBooksOnceAndBothAnswersLeadToTheBooking() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let (cookie, csrf) = try await form(client)
            let review = try await pages.post(client, "/book/review", form: fields("pat@pine.example", csrf: csrf), cookie: cookie)
            let key = try #require(review.field("form_key"))
            let confirm = fields("pat@pine.example", csrf: csrf) + [("form_key", key)]
            // Two POSTs at once, as a double click sends them.
            async let first = pages.post(client, "/book/confirm", form: confirm, cookie: cookie)
            async let second = pages.post(client, "/book/confirm", form: confirm, cookie: cookie)
            let answers = try await [first, second]
            #expect(answers.map(\.status) == [.seeOther, .seeOther])
            #expect(answers[0].headers[.location] == answers[1].headers[.location])
            #expect(try fixture.bookingCount() == 1)
            // A third send of the same form, later: the same booking, still one.
            let third = try await pages.post(client, "/book/confirm", form: confirm, cookie: cookie)
            #expect(third.headers[.location] == answers[0].headers[.location])
            #expect(try fixture.bookingCount() == 1)
        }
    }

    @Test func theSameCustomerCannotBookASecondSessionAtTheSameTimeFromAnotherTab() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let (cookie, csrf) = try await form(client)
            // Two tabs reviewed the same time; each form has its own key.
            var keys: [String] = []
            for _ in 0..<2 {
                let review = try await pages.post(client, "/book/review", form: fields("pat@pine.example", csrf: csrf), cookie: cookie)
                keys.append(try #require(review.field("form_key")))
            }
            let first = try await pages.post(
                client, "/book/confirm", form: fields("pat@pine.example", csrf: csrf) + [("form_key", keys[0])], cookie: cookie)
            let second = try await pages.post(
                client, "/book/confirm", form: fields("pat@pine.example", csrf: csrf) + [("form_key", keys[1])], cookie: cookie)
            #expect(first.status == .seeOther)
            #expect(second.status == .conflict && second.html.contains("You already have a 60-minute live session at 9:00 AM UTC-6"))
            #expect(try fixture.bookingCount() == 1)
            // Reviewing an overlapping time now says so before anything is confirmed.
            let third = try await pages.post(
                client, "/book/review", form: fields("pat@pine.example", start: "2026-12-02T15:30:00Z", csrf: csrf), cookie: cookie)
            #expect(third.status == .conflict && third.html.contains("You already have a 60-minute live session"))
        }
    }

    @Test func aPlanCustomerWhoLeavesTheCodeBlankIsToldWhatItWouldChangeBeforeConfirming() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let slots = try await pages.get(client, "/book?contact=eve@orsted.example&type=live-session/60&from=2026-12-02")
            let code = try #require(slots.html.range(of: "name=\"code\""))
            let firstSlot = try #require(slots.html.range(of: "name=\"start\""))
            #expect(code.lowerBound < firstSlot.lowerBound, "the code field comes before the slot list")
            let (cookie, csrf) = (try #require(slots.cookie), try #require(slots.field("csrf")))
            let review = try await pages.post(client, "/book/review", form: fields("eve@orsted.example", csrf: csrf), cookie: cookie)
            #expect(review.status == .ok)
            #expect(
                review.html.contains(
                    "Ørsted Crating has a maintenance plan: enter its maintenance code and this session is free instead of $140.00."))
            #expect(
                review.html.contains("<form method=\"post\" action=\"/book/review\" class=\"code\">"), "the code can be entered right there"
            )
            #expect(review.html.contains("Confirm booking at $140.00"))
            // Entering it there keeps the chosen time and shows the plan's price.
            let applied = try await pages.post(
                client, "/book/review", form: fields("eve@orsted.example", code: "ORST-CODE-1", csrf: csrf), cookie: cookie)
            #expect(applied.html.contains("<strong>$0.00 (maintenance plan)</strong>") && applied.html.contains("Confirm booking at $0.00"))
            #expect(applied.field("start") == "2026-12-02T15:00:00Z")
            #expect(!applied.html.contains("class=\"code\""), "no second code form once the code is accepted")
        }
    }

    @Test func aWrongCodeKeepsTheChosenTimeAndAsksAgainWithoutShowingThePlanPrice() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let (cookie, csrf) = try await form(client, contact: "eve@orsted.example")
            let wrong = try await pages.post(
                client, "/book/review", form: fields("eve@orsted.example", start: "2026-12-02T16:00:00Z", code: "GUESS", csrf: csrf),
                cookie: cookie)
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.html.contains("That is not the maintenance code of Ørsted Crating"))
            #expect(!wrong.html.contains("$0.00"), "the plan price is shown only for a code that was checked")
            #expect(wrong.html.contains("aria-invalid=\"true\"") && wrong.field("start") == "2026-12-02T16:00:00Z")
            let retried = try await pages.post(
                client, "/book/review", form: fields("eve@orsted.example", start: "2026-12-02T16:00:00Z", code: "ORST-CODE-1", csrf: csrf),
                cookie: cookie)
            #expect(retried.status == .ok && retried.html.contains("$0.00 (maintenance plan)"))
        }
    }

    @Test func wrongCodesAreLimitedPerAddressFirstSoOneVisitorCannotLockOutTheCompany() async throws {
        let fixture = try ServerFixture(codeAttemptsPerAddress: 5)
        try await fixture.test { client in
            let (cookie, csrf) = try await form(client, contact: "eve@orsted.example")
            func review(_ code: String, from address: String) async throws -> PagesTests.Page {
                var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: cookie]
                headers[HTTPField.Name("X-Forwarded-For")!] = address
                let body = fields("eve@orsted.example", code: code, csrf: csrf).map { "\($0.0)=\($0.1)" }.joined(separator: "&")
                return try await client.execute(uri: "/book/review", method: .post, headers: headers, body: ByteBuffer(string: body)) {
                    PagesTests.Page(status: $0.status, headers: $0.headers, html: String(buffer: $0.body))
                }
            }
            for _ in 0..<5 { #expect(try await review("GUESS", from: "198.51.100.7").status == .unprocessableContent) }
            let blocked = try await review("ORST-CODE-1", from: "198.51.100.7")
            #expect(blocked.status == .tooManyRequests && blocked.html.contains("from your network"))
            // A colleague elsewhere still books with the right code.
            let colleague = try await review("ORST-CODE-1", from: "203.0.113.9")
            #expect(colleague.status == .ok && colleague.html.contains("$0.00 (maintenance plan)"))
        }
    }

    @Test func theSlotListShowsAWeekByDayWithTheZoneOnceADayAndNavigation() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let page = try await pages.get(client, "/book?contact=pat@pine.example&type=live-session/30&from=2026-12-07")
            // Monday 7 – Sunday 13 December: five working days, 09:00–16:30 every 15 minutes.
            let legends = page.html.components(separatedBy: "<legend>").count - 1
            #expect(legends == 5)
            #expect(page.html.components(separatedBy: "name=\"start\"").count - 1 == 5 * 31, "every slot of the week, none cut")
            #expect(page.html.components(separatedBy: "(America/Chicago)").count - 1 == 5, "the zone once per day")
            #expect(page.html.contains("<legend>Friday, 11 December 2026 <span class=\"zone\">UTC-6 (America/Chicago)</span></legend>"))
            #expect(
                page.html.contains("<a href=\"#day-2026-12-07\">Mon 7 Dec: 31 free</a>")
                    && page.html.contains("<li>Sat 12 Dec: none free</li>"))
            #expect(
                page.html.contains("from=2026-11-30\">← Previous week</a>") || page.html.contains("from=2026-12-01\">← Previous week</a>"))
            #expect(page.html.contains("from=2026-12-14\">Next week →</a>"))
            // This week starts today: no earlier week to go to.
            let now = try await pages.get(client, "/book?contact=pat@pine.example&type=live-session/30")
            #expect(!now.html.contains("Previous week") && now.html.contains("Next week"))
        }
    }

    @Test func pricesAreShownInTheMenuAndThePaidCancelPageSaysTheyAreNotRefunded() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let menu = try await pages.get(client, "/book")
            #expect(
                menu.html.contains(">60-minute live session – $140.00</option>")
                    && menu.html.contains(">30-minute live session – $75.00</option>"))
            let paid = #"{"contact":"pat@pine.example","kind":"live-session","length":60,"start":"2026-12-02T15:00:00Z"}"#
            let (_, _, booked) = try await client.call(.post, "/api/bookings", json: paid)
            let id = try #require(booked["id"] as? String)
            let cancel = try await pages.get(client, "/b/\(fixture.token(id, .cancel))")
            #expect(cancel.html.contains("Paid sessions are not refundable: cancelling releases the time, not the payment of $140.00."))
            let free = try await client.call(
                .post, "/api/bookings", json: BookingsAPITests.book.replacingOccurrences(of: "15:00", with: "17:00"))
            let freeID = try #require(free.2["id"] as? String)
            #expect(!(try await pages.get(client, "/b/\(fixture.token(freeID, .cancel))")).html.contains("not refundable"))
        }
    }

    @Test func pagesThatCannotGoOnNameTheSupportContactAndLinkToBooking() async throws {
        let fixture = try ServerFixture(support: support)
        try await fixture.test { client in
            let (_, _, booked) = try await client.call(.post, "/api/bookings", json: BookingsAPITests.book)
            let id = try #require(booked["id"] as? String)
            fixture.set(now: "2026-12-02T14:00:00Z")
            let late = try await pages.get(client, "/b/\(fixture.token(id, .cancel))")
            #expect(late.html.contains("<a href=\"mailto:help@vendor.example\">help@vendor.example</a>"))
            #expect(late.html.contains("<a href=\"tel:+15550100\">+1 555 0100</a>") && late.html.contains("<a href=\"/book\">"))
            let invalid = try await pages.get(client, "/b/not-a-token")
            #expect(
                invalid.status == .notFound && invalid.html.contains("<a href=\"/book\">") && invalid.html.contains("help@vendor.example"))
        }
    }
}
