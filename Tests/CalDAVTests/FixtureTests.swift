import CalDAV
import Curl
import Foundation
import Logging
import TestSupport
import Testing

/// Failure paths real servers will not show on demand, against Tests/servers/http_fixture.py.
@Suite("Misbehaving servers")
struct FixtureTests {
    static func client(
        retry: RetryPolicy = .none, timeout: Duration = .seconds(10),
        authentication: HTTPAuthentication? = nil
    ) throws -> CalDAVClient {
        CalDAVClient(
            baseURL: try TestServers.fixture(), authentication: authentication,
            options: .init(timeout: timeout), retry: retry, logger: quietLogger())
    }

    static func url(_ path: String) throws -> URL { try TestServers.fixture().appendingPathComponent(path) }

    @Test(arguments: ["xml/truncated", "xml/garbage"])
    func malformedXMLIsAnErrorNamingTheRequest(path: String) async throws {
        let client = try Self.client()
        let error = try await #require(throws: CalDAVError.self) { try await client.etag(of: Self.url(path)) }
        #expect(error.code == .malformedResponse)
        #expect(error.status == 207)
        #expect(error.request == "PROPFIND /\(path)")
        #expect(error.server == "127.0.0.1:\(try TestServers.fixture().port!)")
        #expect(!error.description.contains("\n"))
    }

    @Test func externalEntitiesAreNeverResolved() async throws {
        let client = try Self.client()
        let error = try await #require(throws: CalDAVError.self) { try await client.etag(of: Self.url("xml/entity")) }
        #expect(error.code == .malformedResponse)
        #expect(error.detail.contains("DTD"))
        #expect(!error.description.contains("root:"))
    }

    @Test func anUnreachableServerIsOneLineNamingIt() async throws {
        let port = try ClosedPort.find()
        let client = CalDAVClient(baseURL: URL(string: "http://127.0.0.1:\(port)/")!, retry: .none, logger: quietLogger())
        let error = try await #require(throws: CalDAVError.self) { try await client.discover() }
        #expect(error.code == .unreachable)
        #expect(error.server == "127.0.0.1:\(port)")
        #expect(error.status == nil)
        #expect(error.description.hasPrefix("127.0.0.1:\(port): PROPFIND /.well-known/caldav: server unreachable"))
    }

    @Test func anUnreachableServerIsRetriedThenReported() async throws {
        let port = try ClosedPort.find()
        let sleeps = SleepRecorder()
        let client = CalDAVClient(
            baseURL: URL(string: "http://127.0.0.1:\(port)/")!, retry: sleeps.policy(maxAttempts: 3), logger: quietLogger())
        let error = try await #require(throws: CalDAVError.self) {
            try await client.get(URL(string: "http://127.0.0.1:\(port)/cal/a.ics")!)
        }
        #expect(error.code == .unreachable)
        #expect(error.detail.contains("after 3 attempts"))
        #expect(client.metrics.requests == 3)
        #expect(sleeps.delays == [.milliseconds(100), .milliseconds(200)])  // exponential backoff
    }

    @Test func aSlowServerTimesOutAndATimeoutIsRetriedOnlyForSafeRequests() async throws {
        let sleeps = SleepRecorder()
        let client = try Self.client(retry: sleeps.policy(maxAttempts: 2), timeout: .milliseconds(700))
        let error = try await #require(throws: CalDAVError.self) { try await client.get(Self.url("slow")) }
        #expect(error.code == .timedOut)
        #expect(error.description.contains("GET"))
        // A GET is safe to repeat: one retry, then the error.
        #expect(client.metrics.requests == 2)
        #expect(sleeps.delays.count == 1)
    }

    @Test func a429IsRetriedHonouringRetryAfterThenReported() async throws {
        let sleeps = SleepRecorder()
        let client = try Self.client(retry: sleeps.policy(maxAttempts: 3))
        let error = try await #require(throws: CalDAVError.self) { try await client.get(Self.url("status/429")) }
        #expect(error.code == .serverBusy)
        #expect(error.status == 429)
        #expect(error.detail == "status 429 from fixture")
        #expect(sleeps.delays == [.seconds(1), .seconds(1)])  // Retry-After: 1
        #expect(client.metrics.requests == 3)
        #expect(client.metrics.retries == 2)
    }

    @Test func a503OnceThenSuccessRecovers() async throws {
        let sleeps = SleepRecorder()
        let client = try Self.client(retry: sleeps.policy())
        let object = try await client.get(Self.url("flaky/\(UUID().uuidString)"))
        #expect(object.data == "recovered")
        #expect(client.metrics.requests == 2)
        #expect(sleeps.delays == [.seconds(1)])
    }

    @Test func aRetryAfterBeyondTheLimitIsCapped() async throws {
        let sleeps = SleepRecorder()
        var policy = sleeps.policy(maxAttempts: 2)
        policy.retryAfterLimit = .milliseconds(300)
        let client = try Self.client(retry: policy)
        _ = try? await client.get(Self.url("status/503"))
        #expect(sleeps.delays == [.milliseconds(300)])
    }

    @Test func aDroppedConnectionIsRetriedForSafeRequests() async throws {
        let sleeps = SleepRecorder()
        let client = try Self.client(retry: sleeps.policy(maxAttempts: 2))
        let error = try await #require(throws: CalDAVError.self) { try await client.get(Self.url("drop")) }
        #expect(error.code == .connectionLost)
        #expect(client.metrics.requests == 2)
    }

    @Test func unconditionalWritesAreNeverRepeated() async throws {
        let sleeps = SleepRecorder()
        let client = try Self.client(retry: sleeps.policy(maxAttempts: 3))
        let put = try await #require(throws: CalDAVError.self) {
            try await client.put("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", at: Self.url("status/503"), condition: .unconditional)
        }
        #expect(put.code == .serverBusy)
        await #expect(throws: CalDAVError.self) { try await client.delete(Self.url("status/503")) }
        #expect(client.metrics.requests == 2)
        // A conditional write is safe to repeat.
        _ = try? await client.put("x", at: Self.url("status/503"), condition: .create)
        #expect(client.metrics.requests == 5)
    }

    @Test func otherStatusesCarryTheServersWords() async throws {
        let client = try Self.client()
        let missing = try await #require(throws: CalDAVError.self) { try await client.get(Self.url("nowhere.ics")) }
        #expect(missing.code == .notFound)
        #expect(missing.detail == "no such fixture route")
        let broken = try await #require(throws: CalDAVError.self) { try await client.get(Self.url("status/500")) }
        #expect(broken.code == .rejected)
        #expect(broken.description.hasSuffix("GET /status/500: rejected (500): status 500 from fixture"))
    }

    @Test func aPutWithoutETagIsFollowedByAPropfindAndWeakETagsAreKeptVerbatim() async throws {
        let client = try Self.client()
        let version = try await client.create("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", at: Self.url("dav/noetag/a.ics"))
        #expect(version.etag == ETag(#"W/"weak-1""#))
        #expect(version.etag?.isWeak == true)
        #expect(client.metrics.byMethod == ["PUT": 1, "PROPFIND": 1])
    }

    @Test func a507TruncatedSyncIsContinuedAcrossPages() async throws {
        let client = try Self.client()
        let result = try await client.syncCollection(Self.url("dav/paged/"), token: nil)
        let changes = try #require(result.changes)
        #expect(changes.pages == 3)
        #expect(changes.token == "done")
        #expect(changes.changed.map(\.href) == [Href("/dav/paged/b.ics"), Href("/dav/paged/c.ics")])
        #expect(changes.changed.first?.etag == ETag(#""b2""#))  // the later page wins
        #expect(changes.deleted == [Href("/dav/paged/a.ics")])
    }

    @Test func a409WithValidSyncTokenIsTokenInvalid() async throws {
        let client = try Self.client()
        let result = try await client.syncCollection(Self.url("dav/paged/"), token: "stale")
        #expect(result == .tokenInvalid(detail: "DAV:error valid-sync-token"))
    }

    @Test func aCalendarWithoutSyncCollectionIsMirroredFromAnETagListing() async throws {
        let client = try Self.client()
        var mirror = CalendarMirror(calendarURL: try Self.url("dav/nosync/"))
        let update = try await mirror.refresh(using: client)
        #expect(!update.usedSyncCollection)
        #expect(mirror.strategy == .etagListing)
        #expect(Set(mirror.objects.keys) == [Href("/dav/nosync/one.ics"), Href("/dav/nosync/two b.ics")])
        let again = try await mirror.refresh(using: client)
        #expect(again.changed.isEmpty && again.deleted.isEmpty)
    }

    /// SabreDAV 1.8 refuses sync-collection with 403 and a DAV:error whose first children are
    /// its own (`s:exception`, `s:message`, `s:sabredav-version`) and whose last is
    /// `d:supported-report`: the precondition is found by its element, and the ETag
    /// listing takes over.
    @Test func sabreDAVsRefusalOfSyncCollectionIsReadByItsElementAndFallsBack() async throws {
        let client = try Self.client()
        let refusal = try await #require(throws: CalDAVError.self) {
            _ = try await client.syncCollection(Self.url("dav/sabre/"), token: nil)
        }
        #expect(refusal.code.preconditionName == "supported-report")
        #expect(refusal.detail.contains("The {DAV:}sync-collection REPORT is not supported on this url."))
        var mirror = CalendarMirror(calendarURL: try Self.url("dav/sabre/"))
        let update = try await mirror.refresh(using: client)
        #expect(!update.usedSyncCollection && mirror.strategy == .etagListing)
        #expect(Set(mirror.objects.keys) == [Href("/dav/sabre/one.ics"), Href("/dav/sabre/two b.ics")])
    }

    @Test func bearerAndDigestAuthenticate() async throws {
        let bearer = try Self.client(authentication: .bearer(token: "fixture-token"))
        #expect(try await bearer.get(Self.url("bearer")).data == "bearer ok")
        let digest = try Self.client(authentication: .digest(user: "staff", password: "staff-password"))
        #expect(try await digest.get(Self.url("digest")).data == "digest ok")
    }

    @Test func credentialsNeverAppearInErrors() async throws {
        let secret = "s3cret-\(UUID())"
        let digest = try Self.client(authentication: .digest(user: "staff", password: secret))
        let error = try await #require(throws: CalDAVError.self) { try await digest.get(Self.url("digest")) }
        #expect(error.code == .unauthorized)
        #expect(!"\(error)".contains(secret))
        let bearer = try Self.client(authentication: .bearer(token: secret))
        let denied = try await #require(throws: CalDAVError.self) { try await bearer.get(Self.url("bearer")) }
        #expect(denied.code == .unauthorized)
        #expect(!"\(denied)".contains(secret))
    }

    @Test func aWrongPasswordOnRadicaleIsUnauthorizedWithoutThePassword() async throws {
        let secret = "wrong-\(UUID())"
        let client = CalDAVClient(
            baseURL: try TestServers.radicale(), authentication: .basic(user: "staff", password: secret),
            logger: quietLogger())
        let error = try await #require(throws: CalDAVError.self) { try await client.discover() }
        #expect(error.code == .unauthorized)
        #expect(error.status == 401)
        #expect(!error.description.contains(secret))
    }
}
