import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Scheduling
import Testing

@testable import SupportServer

/// A browser without JavaScript on the account pages: it keeps every cookie it is given
/// and sends them back, reads hidden CSRF fields, and signs in through an emailed link.
final class AccountVisitor: @unchecked Sendable {
    let client: any TestClientProtocol
    let fixture: ServerFixture
    private(set) var cookies: [String: String] = [:]

    init(_ client: any TestClientProtocol, _ fixture: ServerFixture) {
        self.client = client
        self.fixture = fixture
    }

    typealias Page = PagesTests.Page

    private func keep(_ headers: HTTPFields) {
        for line in headers[values: .setCookie] {
            let pair = line.prefix { $0 != ";" }
            guard let equals = pair.firstIndex(of: "=") else { continue }
            let name = String(pair[..<equals])
            let value = String(pair[pair.index(after: equals)...])
            if value.isEmpty || line.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
    }

    private var cookieHeader: HTTPFields {
        cookies.isEmpty ? [:] : [.cookie: cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")]
    }

    func get(_ uri: String) async throws -> Page {
        let page = try await client.execute(uri: uri, method: .get, headers: cookieHeader) {
            Page(status: $0.status, headers: $0.headers, html: String(buffer: $0.body))
        }
        keep(page.headers)
        return page
    }

    /// Posts a form with the CSRF field of `from` (a page already fetched).
    func post(_ uri: String, _ form: [(String, String)] = [], csrf: String?) async throws -> Page {
        var headers = cookieHeader
        headers[.contentType] = "application/x-www-form-urlencoded"
        let fields = (csrf.map { [("csrf", $0)] } ?? []) + form
        let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            .joined(separator: "&")
        let page = try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body)) {
            Page(status: $0.status, headers: $0.headers, html: String(buffer: $0.body))
        }
        keep(page.headers)
        return page
    }

    /// GET the page, then submit its form to `uri` with `form`.
    func submit(on pageURI: String, to uri: String, _ form: [(String, String)] = []) async throws -> Page {
        let page = try await get(pageURI)
        return try await post(uri, form, csrf: page.field("csrf"))
    }

    /// Signs in as `email` with a link made as the sign-in form makes it.
    @discardableResult
    func signIn(as email: String) async throws -> Page {
        let link = try #require(try await fixture.environment.signIn.requestLink(email: email, via: "test", now: fixture.clock.now))
        return try await submit(on: "/account/sign-in/\(link.token)", to: "/account/sign-in/\(link.token)")
    }

    /// Signs in to the staff console as the staff member whose address is `email`.
    @discardableResult
    func signInStaff(as email: String) async throws -> Page {
        let link = try #require(try await fixture.environment.staffSignIn.requestLink(email: email, via: "test", now: fixture.clock.now))
        return try await submit(on: "/staff/sign-in/\(link.token)", to: "/staff/sign-in/\(link.token)")
    }

    var session: String? { cookies[AccountAuthentication.cookieName] }
    var staffSession: String? { cookies[StaffPages.cookieName] }

    /// Emails the fixture's Maildir holds, decoded from quoted-printable.
    static func mail(_ fixture: ServerFixture) -> [String] {
        let folder = fixture.maildir.appendingPathComponent("new")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().compactMap { name in
            guard let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) else { return nil }
            return text.replacingOccurrences(of: "=\r\n", with: "").replacingOccurrences(of: "=3D", with: "=")
        }
    }

    /// Polls the Maildir (the sign-in email is sent after the page answers).
    static func waitForMail(_ fixture: ServerFixture, count: Int) async throws -> [String] {
        for _ in 0..<100 {
            let mail = mail(fixture)
            if mail.count >= count { return mail }
            try await Task.sleep(for: .milliseconds(20))
        }
        return mail(fixture)
    }
}

extension PagesTests.Page {
    var location: String? { headers[.location] }
    var setCookies: [String] { headers[values: .setCookie] }
}
