import CalDAV
import Foundation
import Logging
import TestSupport
import Testing

@Suite("Discovery")
struct DiscoveryTests {
    @Test(arguments: Server.allCases)
    func discoversCalendarsFromTheServerRoot(server: Server) async throws {
        let setup = try server.client()
        let url = try await server.freshCalendar(setup, "discover", displayName: "Support sessions ✓", color: "#FF2968FF")

        let result = try await server.client(baseURL: try server.root).discover()

        #expect(result.principal.map { Href(url: $0) } == Href(server.principalPath))
        let found = try #require(result.calendars.first { $0.href == Href(url: url) })
        #expect(found.displayName == "Support sessions ✓")
        #expect(found.color?.uppercased().hasPrefix("#FF2968") == true)
        #expect(found.supportedComponents.contains("VEVENT"))
        #expect(found.ctag?.isEmpty == false)
        #expect(found.supportsSyncCollection == server.hasSyncCollection)
        #expect((found.syncToken?.isEmpty == false) == server.hasSyncCollection)
        #expect(found.url.absoluteString.hasSuffix("/"))
        // libcurl puts the credentials into the effective URL after a redirect
        // (Radicale redirects /.well-known/caldav); none may leak into what we return.
        let password = try TestServers.password()
        for url in [result.contextURL] + result.calendarHomes + result.calendars.map(\.url) + [result.principal].compactMap({ $0 }) {
            #expect(url.user == nil && url.password == nil)
            #expect(!url.absoluteString.contains(password))
        }
    }

    @Test(arguments: Server.allCases)
    func discoveryFromACalendarURLReturnsThatCalendar(server: Server) async throws {
        let setup = try server.client()
        let url = try await server.freshCalendar(setup, "direct", displayName: "Direct")

        // Pasted without the trailing slash, as people do.
        let pasted = URL(string: String(url.absoluteString.dropLast()))!
        let result = try await server.client(baseURL: pasted).discover()

        #expect(result.calendars.map(\.href) == [Href(url: url)])
        #expect(result.calendars.first?.displayName == "Direct")
    }

    @Test(arguments: Server.allCases)
    func discoveryFromTheWellKnownURLFollowsItsRedirect(server: Server) async throws {
        let setup = try server.client()
        let url = try await server.freshCalendar(setup, "wellknown")
        let wellKnown = try server.root.appendingPathComponent(".well-known/caldav")

        let result = try await server.client(baseURL: wellKnown).discover()

        #expect(result.calendars.contains { $0.href == Href(url: url) })
        #expect(!result.calendarHomes.isEmpty)
    }

    @Test func aServerWithoutCalDAVIsNamedInTheError() async throws {
        let fixture = try TestServers.fixture()
        let client = CalDAVClient(baseURL: fixture.appendingPathComponent("echo-nothing"), logger: quietLogger())
        let error = try await #require(throws: CalDAVError.self) { try await client.discover() }
        #expect(error.code == .notCalDAV)
        #expect(error.description.contains("127.0.0.1:\(fixture.port!)"))
    }
}
