import Foundation
import Testing

@testable import Scheduling

@Suite struct SessionMenuTests {
    /// Given in the order a hand-written configuration might list them, longest first.
    let menu = SessionMenu([
        SessionType(.liveSession, minutes: 90), SessionType(.liveSession, minutes: 30), SessionType(.liveSession, minutes: 60),
        SessionType(.phoneSupport, minutes: 30),
    ])

    @Test func withoutALengthTheShortestOfferedIsChosenWhateverTheOrder() throws {
        #expect(menu.defaultType(for: .liveSession) == SessionType(.liveSession, minutes: 30))
        #expect(try menu.choose(kind: "live-session", length: nil) == SessionType(.liveSession, minutes: 30))
        #expect(menu.types.first == SessionType(.liveSession, minutes: 30), "listed shortest first")
        #expect(menu.lengths(of: .liveSession) == [30, 60, 90])
    }

    @Test(
        arguments: [
            ("live-session", 60, SessionMenu.Refusal?.none),
            ("live-session", 45, .lengthNotOffered(.liveSession, 45, offered: [30, 60, 90])),
            ("phone-support", nil, nil),
            ("phone", nil, .unknownKind("phone")),
            ("Live-Session", 60, .unknownKind("Live-Session")),
        ] as [(String, Int?, SessionMenu.Refusal?)])
    func aRequestIsOnTheMenuOrSaysWhy(kind: String, length: Int?, refusal: SessionMenu.Refusal?) {
        do throws(SessionMenu.Refusal) {
            let chosen = try menu.choose(kind: kind, length: length)
            #expect(refusal == nil, "chose \(chosen)")
            #expect(chosen.kind.rawValue == kind)
        } catch {
            #expect(error == refusal)
        }
    }

    @Test func aKindTheInstallationDoesNotOfferIsSaidSo() {
        let phoneOnly = SessionMenu([SessionType(.phoneSupport, minutes: 30)])
        #expect(throws: SessionMenu.Refusal.kindNotOffered(.liveSession)) { try phoneOnly.choose(kind: "live-session", length: nil) }
        #expect(phoneOnly.defaultType(for: .liveSession) == nil)
        #expect(phoneOnly.kinds == [.phoneSupport])
    }
}

@Suite struct BusyRefreshWindowTests {
    @Test func aListingReadsLocalCalendarsADayEitherSide() {
        let window = BusyRefreshWindow.listing(TimeRange(start: utc("2026-12-07T00:00:00Z"), end: utc("2026-12-14T00:00:00Z")))
        #expect(window.range == TimeRange(start: utc("2026-12-06T00:00:00Z"), end: utc("2026-12-15T00:00:00Z")))
        #expect(!window.live)
    }

    @Test func bookingAsksTheServersAroundTheStart() {
        let window = BusyRefreshWindow.booking(at: utc("2026-12-07T15:00:00Z"))
        #expect(window.live)
        #expect(window.range == TimeRange(start: utc("2026-12-06T15:00:00Z"), end: utc("2026-12-09T15:00:00Z")))
    }

    /// The drift issue 13 found: the service read only the new time's window.
    @Test(arguments: [
        ("2026-12-10T15:00:00Z", "2026-12-02T15:00:00Z", "2026-12-12T15:00:00Z"),  // later: from the old day
        ("2026-12-01T15:00:00Z", "2026-11-30T15:00:00Z", "2026-12-04T16:00:00Z"),  // earlier: to the old day
    ])
    func reschedulingCoversTheOldTimeAndTheNew(newStart: String, from: String, to: String) {
        let old = booking(start: utc("2026-12-03T15:00:00Z"))
        let window = BusyRefreshWindow.rescheduling(old, to: utc(newStart))
        #expect(window.range == TimeRange(start: utc(from), end: utc(to)))
        #expect(window.covers(.booking(at: utc(newStart))))
        #expect(window.range.contains(old.range))
    }

    @Test func aLiveReadCoversALocalOneButNotTheOtherWayRound() {
        let range = TimeRange(start: utc("2026-12-01T00:00:00Z"), end: utc("2026-12-20T00:00:00Z"))
        let inner = TimeRange(start: utc("2026-12-02T00:00:00Z"), end: utc("2026-12-03T00:00:00Z"))
        #expect(BusyRefreshWindow(range, live: true).covers(BusyRefreshWindow(inner, live: false)))
        #expect(!BusyRefreshWindow(range, live: false).covers(BusyRefreshWindow(inner, live: true)))
        #expect(!BusyRefreshWindow(inner, live: true).covers(BusyRefreshWindow(range, live: true)))
    }
}
