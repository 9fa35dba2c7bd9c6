import Foundation
import TestSupport
import Testing

@testable import Curl
@testable import ICal

@Suite struct HTTPClientTests {
    let client = HTTPClient(logger: testLogger)

    enum Server: String, CaseIterable, CustomTestStringConvertible {
        case radicale, xandikos
        var testDescription: String { rawValue }

        func base() throws -> URL { self == .radicale ? try TestServers.radicale() : try TestServers.xandikos() }
        func auth() throws -> HTTPAuthentication? {
            self == .radicale ? .basic(user: TestServers.user, password: try TestServers.password()) : nil
        }
    }

    /// The booking event's stored form, PUT to a real server's new calendar, reads back intact.
    @Test(arguments: Server.allCases)
    func putOfTheStoredFormSucceedsOnARealServer(server: Server) async throws {
        let collection = try server.base().appendingPathComponent("staff/curl-\(UUID().uuidString.prefix(8))/").absoluteString
        let made = try await client.send(HTTPRequest(method: "MKCALENDAR", url: collection, authentication: server.auth()))
        #expect(made.status == 201, "MKCALENDAR: \(made.status) \(made.bodyText)")

        let stored = try SampleBooking.make().storedObject()
        let object = collection + "booking-42.ics"
        let put = try await client.send(
            HTTPRequest(
                method: "PUT", url: object,
                headers: [HTTPHeader("Content-Type", "text/calendar; charset=utf-8"), HTTPHeader("If-None-Match", "*")],
                body: Array(stored.text.utf8), authentication: server.auth()))
        #expect(put.status == 201, "PUT: \(put.status) \(put.bodyText)")

        let again = try await client.send(
            HTTPRequest(
                method: "PUT", url: object,
                headers: [HTTPHeader("Content-Type", "text/calendar; charset=utf-8"), HTTPHeader("If-None-Match", "*")],
                body: Array(stored.text.utf8), authentication: server.auth()))
        #expect(again.status == 412, "a second create must be refused, got \(again.status)")

        let get = try await client.send(HTTPRequest(method: "GET", url: object, authentication: server.auth()))
        #expect(get.status == 200)
        #expect(get.header("etag") != nil)
        let read = try ICalDocument(parsing: get.bodyText)
        let event = try #require(read.events.first)
        #expect(event.uid == "booking-42@supportcal.example")
        #expect(event.start?.instant == SampleBooking.make().start)
        #expect(event.property(BookingEvent.bookingIDProperty)?.value == "bk_42")
    }

    @Test func aWrongPasswordIsAStatusNotAnError() async throws {
        let response = try await client.send(
            HTTPRequest(
                method: "PROPFIND", url: try TestServers.radicale().appendingPathComponent("staff/").absoluteString,
                headers: [HTTPHeader("Depth", "0")], authentication: .basic(user: TestServers.user, password: "wrong")))
        #expect(response.status == 401)
    }

    @Test func bearerAndDigestAuthenticate() async throws {
        let fixture = try TestServers.fixture()
        let bearer = try await client.send(
            HTTPRequest(
                method: "GET", url: fixture.appendingPathComponent("bearer").absoluteString,
                authentication: .bearer(token: "fixture-token")))
        #expect(bearer.status == 200 && bearer.bodyText == "bearer ok")
        let digest = try await client.send(
            HTTPRequest(
                method: "GET", url: fixture.appendingPathComponent("digest").absoluteString,
                authentication: .digest(user: TestServers.user, password: try TestServers.password())))
        #expect(digest.status == 200 && digest.bodyText == "digest ok")
        let wrongDigest = try await client.send(
            HTTPRequest(
                method: "GET", url: fixture.appendingPathComponent("digest").absoluteString,
                authentication: .digest(user: TestServers.user, password: "nope")))
        #expect(wrongDigest.status == 401)
    }

    @Test(arguments: ["PROPFIND", "REPORT", "MKCALENDAR", "DELETE", "PUT"])
    func anyMethodIsSentWithItsHeadersAndBody(method: String) async throws {
        let body = Array("<x>é</x>".utf8)
        let response = try await client.send(
            HTTPRequest(
                method: method, url: try TestServers.fixture().appendingPathComponent("echo").absoluteString,
                headers: [HTTPHeader("Depth", "1"), HTTPHeader("Content-Type", "application/xml")], body: body))
        #expect(response.status == 200)
        let echoed = response.bodyText
        #expect(echoed.hasPrefix("\(method) /echo"))
        #expect(echoed.contains("Depth: 1"))
        #expect(echoed.hasSuffix("<x>é</x>"))
    }

    @Test func redirectsAreFollowedOnlyWhenAsked() async throws {
        let url = try TestServers.fixture().appendingPathComponent("redirect").absoluteString
        let stay = try await client.send(HTTPRequest(method: "GET", url: url))
        #expect(stay.status == 302)
        let follow = try await client.send(HTTPRequest(method: "GET", url: url, followRedirects: true))
        #expect(follow.status == 200)
        #expect(follow.effectiveURL.hasSuffix("/echo"))
    }

    @Test func theEffectiveURLAfterARedirectCarriesNoCredentials() async throws {
        let url = try TestServers.fixture().appendingPathComponent("redirect").absoluteString
        let response = try await client.send(
            HTTPRequest(
                method: "GET", url: url, authentication: .basic(user: "staff", password: "hunter2"),
                followRedirects: true))
        #expect(response.status == 200)
        #expect(response.effectiveURL.hasSuffix("/echo"))
        #expect(!response.effectiveURL.contains("hunter2") && !response.effectiveURL.contains("staff@"))
        #expect(RedactedTarget.withoutUserInfo("http://u:p@h:1/a@b?c=d@e") == "http://h:1/a@b?c=d@e")
        #expect(RedactedTarget.withoutUserInfo("http://h/a@b") == "http://h/a@b")
    }

    @Test func aClosedPortIsCouldNotConnectAndNamesTheServerWithoutCredentials() async throws {
        let port = try ClosedPort.find()
        await #expect {
            _ = try await client.send(
                HTTPRequest(
                    method: "GET", url: "http://staff:secret@127.0.0.1:\(port)/x?token=abc",
                    authentication: .basic(user: "staff", password: "hunter2")))
        } throws: { error in
            guard let error = error as? CurlError else { return false }
            let text = "\(error)"
            return error.code == .couldNotConnect && error.isTransient && text.contains("127.0.0.1:\(port)")
                && !text.contains("secret") && !text.contains("hunter2") && !text.contains("token=abc")
        }
    }

    @Test func aServerThatNeverAnswersTimesOut() async throws {
        await #expect {
            _ = try await client.send(
                HTTPRequest(
                    method: "GET", url: try TestServers.fixture().appendingPathComponent("slow").absoluteString,
                    timeout: .milliseconds(500)))
        } throws: { ($0 as? CurlError)?.code == .timedOut }
    }

    @Test func aDroppedConnectionIsConnectionLost() async throws {
        await #expect {
            _ = try await client.send(
                HTTPRequest(method: "GET", url: try TestServers.fixture().appendingPathComponent("drop").absoluteString))
        } throws: { ($0 as? CurlError)?.code == .connectionLost }
    }

    @Test func anOversizedResponseIsRefusedNotBuffered() async throws {
        await #expect {
            _ = try await client.send(
                HTTPRequest(
                    method: "GET", url: try TestServers.fixture().appendingPathComponent("echo").absoluteString,
                    maxResponseBytes: 10))
        } throws: { ($0 as? CurlError)?.code == .tooLarge }
    }

    @Test func manyConcurrentRequestsShareTheClient() async throws {
        let url = try TestServers.fixture().appendingPathComponent("echo").absoluteString
        let client = client
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<40 {
                group.addTask { try await client.send(HTTPRequest(method: "GET", url: url + "?n=\(index)")).status }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 200, count: 40))
    }

    @Test func redactionDropsUserInfoQueryAndFragment() {
        #expect(RedactedTarget.describe("https://u:p@cal.example:8443/a/b?x=1#f") == "https://cal.example:8443/a/b")
        #expect(RedactedTarget.describe("not a url") == "(invalid URL)")
        #expect("\(HTTPAuthentication.basic(user: "u", password: "pw"))" == "Basic (user u)")
        #expect(!"\(HTTPAuthentication.bearer(token: "tok"))".contains("tok"))
    }
}
