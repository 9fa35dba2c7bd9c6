import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Scheduling
import TestSupport
import Testing

@testable import SupportServer

/// `/fees`: what the policy calls the FEE SCHEDULE, public and linked from the booking page.
@Suite struct FeesPageTests {
    func html(_ fixture: ServerFixture, _ uri: String) async throws -> (HTTPResponse.Status, String) {
        try await fixture.test { client in
            try await client.execute(uri: uri, method: .get) { ($0.status, String(buffer: $0.body)) }
        }
    }

    @Test func theScheduleInForceListsEveryPricedSessionAndWhatAPlanChanges() async throws {
        let (status, page) = try await html(try ServerFixture(), "/fees")
        #expect(status == .ok)
        #expect(page.contains("In force since Thursday, 1 January 2026"))
        for row in [
            "Live session</th><td>30 minutes</td><td>$75.00", "Live session</th><td>60 minutes</td><td>$140.00",
            "Phone support session</th><td>30 minutes</td><td>$60.00",
        ] {
            #expect(page.contains(row), "\(row)")
        }
        #expect(page.contains("Paid sessions are not refundable"))
        #expect(page.contains("up to 65 minutes before it starts"))
        #expect(page.contains("second no-show") && page.contains("$100.00"))
        #expect(!page.contains("From "), "no later schedule is known")
        #expect(!page.contains("<script"))
    }

    @Test func anAnnouncedScheduleIsShownWithItsDayInTheVendorsZone() async throws {
        let fixture = try ServerFixture(nextFees: [SessionType(.liveSession, minutes: 60): .usd(150)])
        let (_, page) = try await html(fixture, "/fees")
        #expect(page.contains("From Thursday, 1 July 2027"))
        #expect(page.contains("60 minutes</td><td>$150.00"))
        #expect(page.contains("$140.00"), "the schedule in force is still shown first")
    }

    @Test func theBookingPageLinksToIt() async throws {
        let (_, page) = try await html(try ServerFixture(), "/book")
        #expect(page.contains("<a href=\"/fees\">fee schedule</a>"))
    }
}
